package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.comity.node.DatabaseMode;
import org.comity.node.NodeIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

/** Issue 15 item 11: a sandbox listens on loopback unless server.address says otherwise. */
class SandboxBindAddressTest {

    private static InetAddress boundBy(DatabaseMode mode, MockEnvironment environment) {
        var factory = new TomcatServletWebServerFactory();
        new SandboxBindAddress(new NodeIdentity("n", "a", Optional.empty(), mode, "test"), environment)
                .customize(factory);
        return factory.getAddress();
    }

    @Test
    void aSandboxListensOnLoopbackByDefault() {
        assertThat(boundBy(DatabaseMode.SANDBOX, new MockEnvironment())).isEqualTo(InetAddress.getLoopbackAddress());
    }

    @Test
    void serverAddressChoosesOtherwise() {
        assertThat(boundBy(DatabaseMode.SANDBOX, new MockEnvironment().withProperty("server.address", "0.0.0.0")))
                .isNull(); // left to Spring Boot's own customizer, which binds server.address
    }

    @Test
    void aRealServerKeepsSpringBootsDefault() {
        assertThat(boundBy(DatabaseMode.EXTERNAL, new MockEnvironment())).isNull();
    }
}
