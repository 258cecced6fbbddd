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
import javax.net.ssl.SSLContext;
import org.comity.exchange.domain.DirectoryVerifier;
import org.comity.exchange.persistence.JdbcMessageStore;
import org.comity.exchange.persistence.JdbcTrustStore;
import org.comity.exchange.persistence.KeyFiles;
import org.comity.node.DataDirectory;
import org.comity.node.NodeIdentity;
import org.comity.shared.CountryCode;
import org.comity.web.PublicEndpoints;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class ExchangeConfiguration {

    /** A node's card is what peers and directory operators fetch to learn its keys: public, read-only. */
    @Bean
    PublicEndpoints exchangeEndpoints() {
        return PublicEndpoints.of("exchange", "/api/exchange/authority-card");
    }

    /**
     * The inbox bounds its body itself ({@code comity.exchange.messages.max-bytes}), so a message over the
     * web layer's bound is still refused by the inbox's first step, with a 413 and an audit entry.
     */
    @Bean
    org.comity.web.BodyBound exchangeInboxBodyBound() {
        return org.comity.web.BodyBound.boundByEndpoint(
                "POST", "/api/exchange/inbox", "comity.exchange.messages.max-bytes");
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
                properties.cardValidity(),
                supervisorKeys(properties.supervisorKeys()));
    }

    @Bean
    TrustDirectory trustDirectory(ExchangeProperties properties, JdbcTrustStore store, Clock clock) {
        return new TrustDirectory(store, new DirectoryVerifier(operatorKeys(properties.directory())), clock);
    }

    @Bean
    ConfiguredDirectory configuredDirectory(TrustDirectory directory, ExchangeProperties properties) {
        return new ConfiguredDirectory(directory, properties.directory().location());
    }

    @Bean
    MessageExchange messageExchange(
            LocalAuthority local,
            TrustDirectory trust,
            JdbcMessageStore messages,
            JdbcTrustStore store,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock,
            ExchangeProperties properties,
            ObjectProvider<PayloadAtRest> atRest) {
        return new MessageExchange(
                local,
                trust,
                messages,
                store,
                events,
                new TransactionTemplate(transactions),
                clock,
                properties.messages(),
                atRest.orderedStream().toList());
    }

    @Bean
    CoSignatures coSignatures(
            LocalAuthority local,
            TrustDirectory trust,
            MessageExchange exchange,
            org.comity.exchange.persistence.JdbcCoSignatures store,
            JdbcMessageStore messages,
            JdbcTrustStore audit,
            Clock clock,
            ExchangeProperties properties,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new CoSignatures(
                local, trust, exchange, store, messages, audit, clock, properties.messages(), transactions);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    Dispatcher exchangeDispatcher(
            JdbcMessageStore messages,
            MessageExchange exchange,
            Clock clock,
            ExchangeProperties properties,
            ObjectProvider<SslBundles> bundles) {
        var delivery = properties.messages().delivery();
        SSLContext ssl = null;
        if (delivery.sslBundle() != null && !delivery.sslBundle().isBlank()) {
            var available = bundles.getIfAvailable();
            if (available == null) {
                throw new IllegalArgumentException("comity.exchange.messages.delivery.ssl-bundle: no SSL bundles");
            }
            ssl = available.getBundle(delivery.sslBundle()).createSslContext();
        }
        return new Dispatcher(
                messages, exchange, clock, delivery, properties.messages().maxBytes(), ssl);
    }

    /**
     * The inbox is authenticated by the message itself (a signature by a key the directory or a pin
     * vouches for), not by a session or a password: no session, no CSRF token, no sign-in. Only POST
     * to this one path; everything else stays with the web module's chains.
     */
    @Bean
    @Order(0)
    @ConditionalOnWebApplication // the command line starts the node without a web server, and without HttpSecurity
    SecurityFilterChain exchangeInbox(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/exchange/inbox"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
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

    /**
     * Supervisors' public keys, as configured: each a public P-256 signing key named by its thumbprint;
     * marked {@code key_ops: ["verify"]} so peers accept it only as an emergency co-signature.
     */
    static List<ECKey> supervisorKeys(List<String> configured) {
        var keys = new ArrayList<ECKey>();
        for (int i = 0; i < configured.size(); i++) {
            var marked = new java.util.LinkedHashMap<String, Object>();
            try {
                marked.putAll(com.nimbusds.jose.util.JSONObjectUtils.parse(configured.get(i)));
            } catch (ParseException e) {
                throw new IllegalArgumentException("comity.exchange.supervisor-keys[" + i + "]: not a JSON object");
            }
            marked.put("key_ops", List.of("verify"));
            var violations = new ArrayList<org.comity.shared.Violation>();
            var key = org.comity.exchange.domain.Entries.readKey(marked, "supervisor-keys[" + i + "]", violations);
            if (key.isEmpty() || key.get().getKeyUse() != com.nimbusds.jose.jwk.KeyUse.SIGNATURE) {
                throw new IllegalArgumentException("comity.exchange.supervisor-keys[" + i + "]: a public P-256 signing"
                        + " JWK (use sig, alg ES256, kid its thumbprint, nbf and exp): "
                        + violations.stream()
                                .map(v -> v.field() + " " + v.rule())
                                .toList());
            }
            keys.add(key.get());
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
