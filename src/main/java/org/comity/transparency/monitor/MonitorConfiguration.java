package org.comity.transparency.monitor;

import java.time.Clock;
import org.comity.transparency.persistence.JdbcMonitorStore;
import org.comity.web.PublicEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitorProperties.class)
class MonitorConfiguration {

    /** The findings are public like the log they are about: anyone may re-check them. */
    @Bean
    PublicEndpoints monitorEndpoints() {
        return PublicEndpoints.of("transparency", "/monitor", "/api/monitor/**");
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "comity.monitor.enabled", havingValue = "true")
    MonitorJob monitorJob(JdbcMonitorStore store, MonitorProperties properties, Clock clock) {
        return new MonitorJob(store, properties, clock);
    }
}
