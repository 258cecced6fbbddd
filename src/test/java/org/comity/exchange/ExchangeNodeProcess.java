package org.comity.exchange;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.comity.Comity;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.PayloadApplicationEvent;

/**
 * A whole exchange node in a child JVM, for {@link ExchangeCrashTest} to kill with SIGKILL. Arguments:
 * the node's own ({@link TwoNodes.Node#arguments()}); with {@code -Dcomity.test.pin-card=<file>} and
 * {@code -Dcomity.test.pin-fingerprint=<hex>} it first pins that peer's card; with {@code
 * -Dcomity.test.accept-delay-ms=<n>} each message it accepts takes n ms more before its transaction
 * commits. Once it serves, it prints
 * {@code CARD <its card>}, {@code FINGERPRINT <its signing key's fingerprint>} and {@code READY}.
 */
public final class ExchangeNodeProcess {

    private ExchangeNodeProcess() {}

    public static void main(String[] args) throws Exception {
        var out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        var builder = new SpringApplicationBuilder(Comity.class);
        long delay = Long.getLong("comity.test.accept-delay-ms", 0);
        if (delay > 0) {
            // Runs inside the transaction storing each accepted message, before it commits: a batch is
            // then received slowly enough for the test to kill the node between two of its messages.
            builder.listeners(event -> {
                if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof MessageAccepted) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        var context = builder.run(args);
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
