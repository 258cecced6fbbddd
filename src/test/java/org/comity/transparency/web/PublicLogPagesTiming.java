package org.comity.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.comity.testing.NodeTest;
import org.comity.transparency.Appended;
import org.comity.transparency.LogEvents;
import org.comity.transparency.TransparencyLog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Server time of the public log pages over a log of many entries (MockMvc, so without the network).
 * Run on demand: {@code -Dtest=PublicLogPagesTiming -Dcomity.timing.entries=10000}; skipped otherwise.
 */
@NodeTest
@TestPropertySource(properties = "comity.transparency.checkpoint-interval=0s")
class PublicLogPagesTiming {

    @Autowired
    TransparencyLog log;

    @Autowired
    MockMvc mvc;

    @Test
    void pagesOverALargeLog() throws Exception {
        String entries = System.getProperty("comity.timing.entries");
        Assumptions.assumeTrue(entries != null, "set -Dcomity.timing.entries=N to measure");
        int n = Integer.parseInt(entries);
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(log.appendAsync(LogEvents.event(i)));
        }
        futures.forEach(CompletableFuture::join);
        assertThat(log.awaitCheckpoint(n, Duration.ofSeconds(30))).isTrue();
        for (String path : List.of(
                "/log",
                "/log?state=QM&role=requesting",
                "/log?state=XC",
                "/log?kind=stored-data&event=request-decided&outcome=refused",
                "/log?from=2026-03-01&to=2026-03-31",
                "/log?before=" + (n / 2),
                "/log/entries/" + (n / 3),
                "/log/verify",
                "/log/statistics")) {
            measure(path);
        }
    }

    private void measure(String path) throws Exception {
        int warmup = 20;
        int runs = 200;
        long[] nanos = new long[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            mvc.perform(get(path).accept(MediaType.TEXT_HTML)).andExpect(status().isOk());
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "TIMING %-62s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms%n",
                path, nanos[runs / 2] / 1e6, nanos[runs * 95 / 100] / 1e6, nanos[runs - 1] / 1e6);
    }
}
