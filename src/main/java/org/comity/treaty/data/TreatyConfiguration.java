package org.comity.treaty.data;

import org.comity.node.NodeIdentity;
import org.comity.treaty.TreatyProperties;
import org.comity.web.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TreatyProperties.class)
class TreatyConfiguration {

    @Bean
    ReferenceData treatyReferenceData(TreatyProperties properties, NodeIdentity node) {
        var data = ReferenceData.load(properties.fictionalStates(node.isSandbox()));
        return properties.fictionalStatus(node.isSandbox()) ? data.withFictionalStatus() : data;
    }

    /**
     * Treaty status is public law: anyone may ask whether a treaty binds two States, without an account.
     * Only reads: recording actions stays with administrators.
     */
    @Bean
    PublicEndpoints treatyPublicEndpoints() {
        return PublicEndpoints.of(
                "treaty",
                "/api/treaty/instruments",
                "/api/treaty/instruments/**",
                "/api/treaty/states",
                "/api/treaty/status",
                "/api/treaty/legal-basis",
                "/api/treaty/progress/**");
    }
}
