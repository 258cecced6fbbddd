package org.comity.transparency;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.comity.node.DataDirectory;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.CosignerVerifier;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.JdbcWitnessStore;
import org.comity.transparency.persistence.LogKeyFile;
import org.comity.transparency.persistence.StoredTiles;
import org.comity.transparency.persistence.WitnessKeyFile;
import org.comity.transparency.witness.Witness;
import org.comity.web.PublicEndpoints;
import org.comity.web.SignedSubmissions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TransparencyProperties.class, WitnessProperties.class})
class TransparencyConfiguration {

    /** Anyone may read the log, its proofs and statistics; nothing there accepts a change. */
    @Bean
    PublicEndpoints transparencyEndpoints() {
        return PublicEndpoints.of("transparency", "/log", "/log/**", "/api/log", "/api/log/**");
    }

    @Bean
    NoteSigner transparencyLogKey(TransparencyProperties properties, DataDirectory dataDirectory) {
        Path file = properties.keyFile() != null
                ? properties.keyFile()
                : dataDirectory.resolve("keys").resolve("transparency-log.key");
        return LogKeyFile.loadOrCreate(file, properties.origin());
    }

    @Bean
    StoredTiles storedTiles(JdbcLogStore store, TransparencyProperties properties) {
        return new StoredTiles(store, properties.cachedTiles());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    LogWriter logWriter(
            JdbcLogStore store, StoredTiles tiles, NoteSigner key, Clock clock, TransparencyProperties properties) {
        return new LogWriter(store, tiles, key, clock, properties);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    Cosigning cosigning(
            LogWriter writer,
            StoredTiles tiles,
            NoteSigner key,
            WitnessProperties witnesses,
            org.comity.transparency.persistence.JdbcCosignatureStore cosignatures,
            Clock clock) {
        List<Cosigning.Target> targets = new ArrayList<>();
        List<TrustPolicy.Witness> inPolicy = new ArrayList<>();
        for (WitnessProperties.Target t : witnesses.submitTo()) {
            var vkey = CosignerVerifier.parse(t.vkey());
            String prefix = t.url().endsWith("/") ? t.url().substring(0, t.url().length() - 1) : t.url();
            targets.add(new Cosigning.Target(t.name(), vkey, URI.create(prefix + "/add-checkpoint")));
            inPolicy.add(new TrustPolicy.Witness(t.name(), vkey, prefix));
        }
        var policy = TrustPolicy.of(new TrustPolicy.Log(key.verifier(), null), inPolicy, witnesses.quorumOrAll());
        return new Cosigning(
                writer, tiles, targets, policy, witnesses.publishWait(), witnesses.timeout(), cosignatures, clock);
    }

    @Bean
    TransparencyLog transparencyLog(
            JdbcLogStore store,
            StoredTiles tiles,
            LogWriter writer,
            Cosigning cosigning,
            NoteSigner key,
            Clock clock,
            TransparencyProperties properties) {
        return new TransparencyLog(store, tiles, writer, cosigning, key.verifier(), clock, properties);
    }

    /** The log's signature on the checkpoint authorises an add-checkpoint request (tlog-witness). */
    @Bean
    SignedSubmissions witnessSubmissions() {
        return SignedSubmissions.of("transparency", "/api/witness/add-checkpoint");
    }

    @Bean
    CosignerKey witnessKey(WitnessProperties witnesses, TransparencyProperties log, DataDirectory dataDirectory) {
        Path file = witnesses.keyFile() != null
                ? witnesses.keyFile()
                : dataDirectory.resolve("keys").resolve("witness.key");
        return WitnessKeyFile.loadOrCreate(file, witnesses.nameFor(log.origin()));
    }

    @Bean
    Witness witness(JdbcWitnessStore store, CosignerKey witnessKey, WitnessProperties witnesses, Clock clock) {
        Map<String, NoteVerifier> followed = new HashMap<>();
        for (String vkey : witnesses.follow()) {
            var key = NoteVerifier.parse(vkey);
            if (followed.put(key.name(), key) != null) {
                throw new IllegalArgumentException("comity.witness.follow names the log " + key.name() + " twice");
            }
        }
        return new Witness(store, witnessKey, followed, clock);
    }
}
