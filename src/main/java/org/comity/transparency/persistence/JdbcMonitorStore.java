package org.comity.transparency.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.comity.transparency.domain.monitor.Finding;
import org.comity.transparency.domain.monitor.MonitorState;
import org.comity.transparency.monitor.FindingJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The monitor's state row and its findings ({@code monitor_state}, {@code monitor_finding}). */
@Repository
public class JdbcMonitorStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public JdbcMonitorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MonitorState state() {
        return jdbc.sql("SELECT state FROM monitor_state WHERE id = 1")
                .query(String.class)
                .optional()
                .map(MonitorState::parse)
                .orElse(MonitorState.empty());
    }

    /** Saves a round: its findings and the state after it, together or not at all. */
    @Transactional
    public void save(MonitorState state, List<Finding> findings, Instant at) {
        for (Finding f : findings) {
            jdbc.sql("INSERT INTO monitor_finding (code, found_at, origin, finding) VALUES (?, ?, ?, ?)")
                    .params(
                            f.code().code(),
                            Timestamp.from(f.found()),
                            f.origin(),
                            JSON.writeValueAsString(FindingJson.of(f)))
                    .update();
        }
        jdbc.sql("""
                        INSERT INTO monitor_state (id, state, updated_at) VALUES (1, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at""").params(state.text(), Timestamp.from(at)).update();
    }

    /** The latest findings, newest first, each as published. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> findings(int limit) {
        return jdbc
                .sql("SELECT finding FROM monitor_finding ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query(String.class)
                .list()
                .stream()
                .map(json -> (Map<String, Object>) JSON.readValue(json, Map.class))
                .toList();
    }
}
