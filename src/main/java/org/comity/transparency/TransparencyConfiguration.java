package org.comity.transparency;

import java.nio.file.Path;
import java.time.Clock;
import org.comity.node.DataDirectory;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.LogKeyFile;
import org.comity.transparency.persistence.StoredTiles;
import org.comity.web.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TransparencyProperties.class)
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

    @Bean
    TransparencyLog transparencyLog(
            JdbcLogStore store,
            StoredTiles tiles,
            LogWriter writer,
            NoteSigner key,
            Clock clock,
            TransparencyProperties properties) {
        return new TransparencyLog(store, tiles, writer, key.verifier(), clock, properties);
    }
}
