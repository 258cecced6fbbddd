package org.comity.exchange;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.comity.exchange.domain.DirectoryVerifier;
import org.comity.exchange.persistence.JdbcTrustStore;
import org.comity.exchange.persistence.KeyFiles;
import org.comity.node.DataDirectory;
import org.comity.node.NodeIdentity;
import org.comity.shared.CountryCode;
import org.comity.web.PublicEndpoints;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class ExchangeConfiguration {

    /** A node's card is what peers and directory operators fetch to learn its keys: public, read-only. */
    @Bean
    PublicEndpoints exchangeEndpoints() {
        return PublicEndpoints.of("exchange", "/api/exchange/authority-card");
    }

    @Bean
    LocalAuthority localAuthority(
            ExchangeProperties properties,
            NodeIdentity node,
            DataDirectory dataDirectory,
            JdbcTrustStore store,
            Clock clock) {
        var keys = properties.keyDirectory() != null ? properties.keyDirectory() : dataDirectory.resolve("keys");
        return new LocalAuthority(
                identity(properties.authority(), node),
                new KeyFiles(keys),
                store,
                clock,
                properties.keyValidity(),
                properties.cardValidity());
    }

    @Bean
    TrustDirectory trustDirectory(ExchangeProperties properties, JdbcTrustStore store, Clock clock) {
        return new TrustDirectory(store, new DirectoryVerifier(operatorKeys(properties.directory())), clock);
    }

    @Bean
    ConfiguredDirectory configuredDirectory(TrustDirectory directory, ExchangeProperties properties) {
        return new ConfiguredDirectory(directory, properties.directory().location());
    }

    /** The node's identity from configuration; none while no State is configured (a fresh sandbox). */
    static @Nullable Authority identity(ExchangeProperties.Identity configured, NodeIdentity node) {
        var stateCode = configured.state() != null && !configured.state().isBlank()
                ? CountryCode.of(configured.state())
                : node.country().orElse(null);
        if (stateCode == null) {
            return null;
        }
        var role = AuthorityRole.fromCode(configured.role())
                .orElseThrow(() -> new IllegalArgumentException(
                        "comity.exchange.authority.role must be one of central-authority, 24-7-point-of-contact,"
                                + " competent-authority, service-provider, oversight-body"));
        var id = configured.id() != null && !configured.id().isBlank()
                ? configured.id()
                : stateCode.value().toLowerCase(Locale.ROOT) + "-" + role.code();
        var name = configured.name() != null && !configured.name().isBlank() ? configured.name() : node.authority();
        return new Authority(new AuthorityId(id), stateCode, name, role, URI.create(configured.inbox()));
    }

    static List<ECKey> operatorKeys(ExchangeProperties.Directory directory) {
        var keys = new ArrayList<ECKey>();
        try {
            for (String json : directory.trustedKeys()) {
                keys.add(operatorKey(JWK.parse(json)));
            }
            if (directory.trustedKeysFile() != null) {
                for (JWK jwk : JWKSet.parse(Files.readString(directory.trustedKeysFile()))
                        .getKeys()) {
                    keys.add(operatorKey(jwk));
                }
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException(
                    "comity.exchange.directory.trusted-keys: not a JWK (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read comity.exchange.directory.trusted-keys-file", e);
        }
        return keys;
    }

    private static ECKey operatorKey(JWK jwk) {
        if (!(jwk instanceof ECKey ec) || jwk.isPrivate()) {
            throw new IllegalArgumentException(
                    "comity.exchange.directory.trusted-keys: each is a public EC P-256 JWK (no private part)");
        }
        return ec;
    }
}
