package org.comity.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.EventType;
import org.comity.transparency.domain.audit.LogSource;
import org.comity.transparency.domain.monitor.FollowedLog;
import org.comity.transparency.domain.monitor.Monitor;
import org.comity.transparency.domain.monitor.MonitorState;
import org.comity.transparency.domain.tiles.Tiles;
import org.comity.transparency.monitor.EntryFields;
import org.comity.transparency.monitor.FixtureLog;
import org.comity.transparency.monitor.FixtureServer;

/**
 * Benchmark tool, run by hand: the monitor's catch-up rate (entries per second) on a log of N
 * entries read over loopback HTTP through its public tiles (checkpoint, tiles, every entry bundle;
 * signature, tile root, every leaf hashed into the root, every entry's JSON read, pairing matched),
 * one in four entries carrying a pairing token matched in a second log. Baseline, same run, same
 * server: fetching the same entry bundles raw, without any check.
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.comity.benchmarks.MonitorCatchUpTool 100000
 * </pre>
 */
public final class MonitorCatchUpTool {

    private MonitorCatchUpTool() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        LocalDate day = LocalDate.of(2026, 3, 1);
        List<byte[]> a = new ArrayList<>(n);
        List<byte[]> b = new ArrayList<>(n / 4 + 1);
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) {
                a.add(FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", day, null, "t" + i, i));
                b.add(FixtureLog.entry(EventType.REQUEST_RECEIVED, "XA", "XB", "stored-data", day, null, "t" + i, i));
            } else {
                a.add(FixtureLog.plain(i));
            }
        }
        FixtureLog xa = new FixtureLog("xa.comity.invalid/log");
        FixtureLog xb = new FixtureLog("xb.comity.invalid/log");
        xa.publish(a);
        xb.publish(b);
        try (FixtureServer server = new FixtureServer()) {
            String xaUrl = server.serve("xa", xa);
            String xbUrl = server.serve("xb", xb);
            HttpClient http = HttpClient.newHttpClient();
            double rate = 0;
            double rawRate = 0;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                long bytes = 0;
                for (long i = 0; i < n; i += Tiles.WIDTH) {
                    bytes += get(
                                    http,
                                    xaUrl + "/log/" + Tiles.entryBundleFor(i, n).path())
                            .length;
                }
                double raw = n / ((System.nanoTime() - t0) / 1e9);

                long t1 = System.nanoTime();
                var logs = List.of(
                        new FollowedLog("XA", xa.trusted(), source(http, xaUrl), null),
                        new FollowedLog("XB", xb.trusted(), source(http, xbUrl), null));
                Monitor.Round round = new Monitor(new EntryFields(), Duration.ofHours(24))
                        .run(logs, MonitorState.empty(), Instant.now());
                double seconds = (System.nanoTime() - t1) / 1e9;
                if (!round.errors().isEmpty()
                        || !round.findings().isEmpty()
                        || !round.state().pending().isEmpty()) {
                    throw new IllegalStateException("unexpected: " + round.errors() + " " + round.findings());
                }
                System.out.printf(
                        "run %d: raw bundle fetch %,.0f entries/s (%,d bytes); monitor catch-up %,.0f entries/s (%,d entries in %.2f s)%n",
                        run, raw, bytes, round.entriesRead() / seconds, round.entriesRead(), seconds);
                rate = round.entriesRead() / seconds;
                rawRate = raw;
            }
            // The last run: the first ones include JIT warm-up.
            ResultLine.print("monitor-catch-up-" + n, rate, "entries/s", rawRate, "-");
        }
    }

    private static LogSource source(HttpClient http, String base) {
        return path -> get(http, base + "/log/" + path);
    }

    private static byte[] get(HttpClient http, String url) {
        try {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
