package org.comity.web;

import java.net.InetAddress;
import org.comity.node.NodeIdentity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A sandbox listens on the loopback interface only, unless {@code server.address} says otherwise: it
 * has demonstration accounts and no TLS, and is meant for the machine it runs on. A real server listens
 * where {@code server.address} says (all interfaces when unset, as Spring Boot does).
 */
@Component
@ConditionalOnWebApplication
class SandboxBindAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final NodeIdentity node;
    private final Environment environment;

    SandboxBindAddress(NodeIdentity node, Environment environment) {
        this.node = node;
        this.environment = environment;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        // Runs after Spring Boot's own customizer (lowest precedence), so only fills in a default.
        if (node.isSandbox() && !environment.containsProperty("server.address")) {
            factory.setAddress(InetAddress.getLoopbackAddress());
        }
    }
}
