package org.comity.transparency.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.testing.NodeTest;
import org.comity.transparency.EventType;
import org.comity.transparency.persistence.JdbcMonitorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The node's monitor job over two logs served on loopback HTTP: its findings land in its tables with
 * the state, and are public on {@code /api/monitor/findings} and {@code /monitor} without signing in.
 */
@NodeTest
class MonitorNodeTest {

    @Autowired
    JdbcMonitorStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    final FixtureServer server = new FixtureServer();
    final FixtureLog xa = new FixtureLog("xa.comity.invalid/log");
    final FixtureLog xb = new FixtureLog("xb.comity.invalid/log");

    @BeforeEach
    void empty() {
        jdbc.sql("DELETE FROM monitor_finding").update();
        jdbc.sql("DELETE FROM monitor_state").update();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    MonitorJob job() {
        var properties = new MonitorProperties(
                false,
                Duration.ofMinutes(5),
                Duration.ZERO,
                Duration.ofSeconds(10),
                List.of(
                        new MonitorProperties.Followed(
                                "XA", server.serve("xa", xa), xa.key.verifier().encoded(), null),
                        new MonitorProperties.Followed(
                                "XB", server.serve("xb", xb), xb.key.verifier().encoded(), null)));
        return new MonitorJob(store, properties, Clock.systemUTC());
    }

    @Test
    void aWithheldRequestAndAForkArePublishedWithTheirEvidence() throws Exception {
        List<byte[]> a = new ArrayList<>(FixtureLog.plainEntries(300));
        a.add(FixtureLog.entry(
                EventType.REQUEST_SENT, "XA", "XB", "stored-data", LocalDate.of(2026, 3, 1), null, "tok-9", 9));
        xa.publish(a);
        xb.publish(FixtureLog.plainEntries(2));
        MonitorJob job = job();

        var first = job.round();
        List<byte[]> fork = new ArrayList<>(a);
        fork.set(3, FixtureLog.plain(5000));
        xa.publish(fork);
        var second = job.round();

        assertThat(first.errors()).isEmpty();
        assertThat(first.entriesRead()).isEqualTo(303);
        assertThat(second.errors()).isEmpty();
        assertThat(store.state().verified()).containsKeys("xa.comity.invalid/log", "xb.comity.invalid/log");
        mvc.perform(get("/api/monitor/findings"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.findings.length()").value(2))
                .andExpect(jsonPath("$.findings[0].code").value("inconsistent-checkpoint"))
                .andExpect(jsonPath("$.findings[0].checkpoints.length()").value(2))
                .andExpect(jsonPath("$.findings[1].code").value("unpaired"))
                .andExpect(jsonPath("$.findings[1].origin").value("xa.comity.invalid/log"))
                .andExpect(jsonPath("$.findings[1].counterpart").value("xb.comity.invalid/log"))
                .andExpect(jsonPath("$.findings[1].entries[0]").value(300));
        mvc.perform(get("/monitor"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("unpaired")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("xb.comity.invalid/log")));
    }

    @Test
    void withoutFindingsThePageSaysSo() throws Exception {
        mvc.perform(get("/monitor"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"no-findings\"")));
        mvc.perform(get("/api/monitor/findings"))
                .andExpect(jsonPath("$.findings.length()").value(0));
    }
}
