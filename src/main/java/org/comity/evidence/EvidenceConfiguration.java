package org.comity.evidence;

import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.domain.KeySource;
import org.comity.evidence.domain.SigningKey;
import org.comity.evidence.persistence.FileBlobStore;
import org.comity.evidence.persistence.FileKeySource;
import org.comity.evidence.persistence.SigningKeyFile;
import org.comity.node.DataDirectory;
import org.comity.web.BodyBound;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EvidenceProperties.class, TransferProperties.class})
class EvidenceConfiguration {

    /** The default node key; a bean of another {@link KeySource} (PKCS#11, KMS) replaces it. */
    @Bean
    @ConditionalOnMissingBean
    KeySource evidenceKeySource(EvidenceProperties properties, DataDirectory dataDirectory) {
        return new FileKeySource(keys(properties, dataDirectory).resolve("evidence-node-key.json"));
    }

    @Bean
    SigningKey evidenceSigningKey(EvidenceProperties properties, DataDirectory dataDirectory) {
        return SigningKeyFile.load(keys(properties, dataDirectory).resolve("evidence-signing.key"));
    }

    /** The default blob store; a bean of another {@link BlobStore} (an object store) replaces it. */
    @Bean
    @ConditionalOnMissingBean
    BlobStore evidenceBlobStore(EvidenceProperties properties, DataDirectory dataDirectory) {
        return new FileBlobStore(
                properties.storageDirectory() != null
                        ? properties.storageDirectory()
                        : dataDirectory.resolve("evidence"));
    }

    /**
     * A transfer's chunks authenticate themselves (they decrypt only under the key the sender's signed,
     * encrypted announcement gave), as the exchange inbox's messages do: no session, no CSRF token,
     * no sign-in, and only HEAD and PATCH on a transfer's items.
     */
    @Bean
    @Order(0)
    @ConditionalOnWebApplication
    SecurityFilterChain evidenceTransfers(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, TRANSFER_ITEMS),
                        PathPatternRequestMatcher.pathPattern(HttpMethod.PATCH, TRANSFER_ITEMS)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Upload chunks carry bulk bytes by design: their own bound, {@code comity.evidence.max-chunk-bytes},
     * in place of the node's bound on request bodies, for the API's tus {@code PATCH} and the console's.
     */
    @Bean
    BodyBound evidenceApiChunks(EvidenceProperties properties) {
        return new BodyBound("PATCH", "/api/evidence/uploads/{item}", properties.maxChunkBytes(), CHUNK_RULE);
    }

    @Bean
    BodyBound evidenceConsoleChunks(EvidenceProperties properties) {
        return new BodyBound("PATCH", "/evidence/uploads/{item}", properties.maxChunkBytes(), CHUNK_RULE);
    }

    static final String CHUNK_RULE = "comity.evidence.max-chunk-bytes";

    static final String TRANSFER_ITEMS = "/api/evidence/transfers/{transfer}/items/{item}";

    private static java.nio.file.Path keys(EvidenceProperties properties, DataDirectory dataDirectory) {
        return properties.keyDirectory() != null ? properties.keyDirectory() : dataDirectory.resolve("keys");
    }
}
