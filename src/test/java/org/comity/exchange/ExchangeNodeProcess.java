package org.comity.exchange;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.comity.Comity;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A whole exchange node in a child JVM, for {@link ExchangeCrashTest} to kill with SIGKILL. Arguments:
 * the node's own ({@link TwoNodes.Node#arguments()}); with {@code -Dcomity.test.pin-card=<file>} and
 * {@code -Dcomity.test.pin-fingerprint=<hex>} it first pins that peer's card. Once it serves, it prints
 * {@code CARD <its card>}, {@code FINGERPRINT <its signing key's fingerprint>} and {@code READY}.
 */
public final class ExchangeNodeProcess {

    private ExchangeNodeProcess() {}

    public static void main(String[] args) throws Exception {
        var out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        var context = new SpringApplicationBuilder(Comity.class).run(args);
        var card = System.getProperty("comity.test.pin-card");
        if (card != null) {
            context.getBean(TrustDirectory.class)
                    .pin(
                            Files.readString(Path.of(card)).strip(),
                            System.getProperty("comity.test.pin-fingerprint"),
                            "admin");
        }
        var local = context.getBean(LocalAuthority.class);
        out.println("CARD " + local.card());
        out.println("FINGERPRINT "
                + local.keys().stream()
                        .filter(k -> k.purpose() == KeyPurpose.SIGNING && k.current())
                        .findFirst()
                        .orElseThrow()
                        .fingerprint());
        out.println("READY");
    }
}
