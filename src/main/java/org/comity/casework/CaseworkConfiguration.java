package org.comity.casework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.comity.casework.domain.ReferenceFormat;
import org.comity.casework.domain.TimeLimits;
import org.comity.casework.persistence.CaseworkJson;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.JacksonModule;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaseworkProperties.class)
@EnableScheduling
class CaseworkConfiguration {

    /** Read once at start: a broken file stops the node rather than leaving requests without deadlines. */
    @Bean
    TimeLimits timeLimits(CaseworkProperties properties) {
        try (var in = properties.timeLimits().getInputStream()) {
            return TimeLimits.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read casework time limits", e);
        }
    }

    /** Checked at start: a pattern that could repeat a reference stops the node. */
    @Bean
    ReferenceFormat referenceFormat(CaseworkProperties properties) {
        return new ReferenceFormat(properties.referenceFormat(), properties.referenceState());
    }

    /** Casework types in API JSON: sealed states and decisions with their type names, codes as strings. */
    @Bean
    JacksonModule caseworkJsonModule() {
        return CaseworkJson.module();
    }
}
