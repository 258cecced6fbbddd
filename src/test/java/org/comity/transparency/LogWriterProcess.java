package org.comity.transparency;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.comity.Comity;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A whole node in a child JVM that appends as fast as it can and prints {@code ACK <event> <index>
 * <leaf hash>} for every append acknowledged to it, for {@link LogCrashTest} to kill at any moment.
 * Arguments: JDBC URL, data directory.
 */
public final class LogWriterProcess {

    private LogWriterProcess() {}

    public static void main(String[] args) throws Exception {
        var context = new SpringApplicationBuilder(Comity.class)
                .run(
                        "--spring.datasource.url=" + args[0],
                        "--spring.datasource.username=postgres",
                        "--comity.data-dir=" + args[1],
                        "--server.port=0",
                        "--comity.transparency.checkpoint-interval=20ms",
                        "--logging.level.root=WARN");
        var log = context.getBean(TransparencyLog.class);
        var out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println("READY");
        Semaphore window = new Semaphore(2000);
        for (long i = 0; ; i++) {
            window.acquire();
            long event = i;
            log.appendAsync(LogEvents.event(event)).whenComplete((appended, failure) -> {
                window.release();
                if (appended != null) {
                    out.println("ACK " + event + " " + appended.index() + " " + appended.leafHash());
                }
            });
        }
    }
}
