package org.comity.evidence;

import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.domain.KeySource;
import org.comity.evidence.domain.SigningKey;
import org.comity.evidence.persistence.FileBlobStore;
import org.comity.evidence.persistence.FileKeySource;
import org.comity.evidence.persistence.SigningKeyFile;
import org.comity.node.DataDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvidenceProperties.class)
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

    private static java.nio.file.Path keys(EvidenceProperties properties, DataDirectory dataDirectory) {
        return properties.keyDirectory() != null ? properties.keyDirectory() : dataDirectory.resolve("keys");
    }
}
