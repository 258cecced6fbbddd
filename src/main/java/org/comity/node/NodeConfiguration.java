package org.comity.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.comity.node.sandbox.SandboxDatabase;
import org.comity.shared.CountryCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeProperties.class)
class NodeConfiguration {

    /** The one source of time for main code; tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A stop requested while the start's runners still run waits for them (issue 18). */
    @Bean
    ShutdownAfterStart shutdownAfterStart(ApplicationContext context) {
        return new ShutdownAfterStart(context, ShutdownAfterStart.LONGEST_WAIT);
    }

    @Bean
    DataDirectory dataDirectory(NodeProperties properties) {
        return DataDirectory.open(properties.dataDir());
    }

    @Bean
    NodeIdentity nodeIdentity(NodeProperties properties, ObjectProvider<SandboxDatabase> sandbox) {
        var node = properties.node();
        var country =
                Optional.ofNullable(node.country()).filter(c -> !c.isBlank()).map(CountryCode::of);
        var mode = sandbox.getIfAvailable() != null ? DatabaseMode.SANDBOX : DatabaseMode.EXTERNAL;
        var version = Optional.ofNullable(NodeConfiguration.class.getPackage().getImplementationVersion())
                .orElse("development");
        return new NodeIdentity(node.name(), node.authority(), country, mode, version);
    }

    static void restrictToOwner(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: rely on the operator's ACLs.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
