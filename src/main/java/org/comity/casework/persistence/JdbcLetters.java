package org.comity.casework.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Letters exchanged with the counterpart of a request (V96), one per message id. */
@Repository
public class JdbcLetters {

    private final JdbcClient jdbc;

    public JdbcLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param author who wrote it here; null for a letter received */
    public record Letter(
            UUID messageId,
            UUID requestId,
            String direction,
            @Nullable String author,
            String counterpart,
            String body,
            Instant at) {}

    /** @return false if this message's letter is stored already */
    public boolean store(Letter l) {
        return jdbc.sql("""
                        INSERT INTO casework_letter (message_id, request_id, direction, author, counterpart, body, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""")
                        .params(
                                l.messageId(),
                                l.requestId(),
                                l.direction(),
                                l.author(),
                                l.counterpart(),
                                l.body(),
                                Timestamp.from(l.at()))
                        .update()
                == 1;
    }

    public List<Letter> of(UUID requestId) {
        return jdbc.sql("""
                        SELECT message_id, request_id, direction, author, counterpart, body, at FROM casework_letter
                        WHERE request_id = ? ORDER BY at, message_id""")
                .param(requestId)
                .query((rs, n) -> new Letter(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }
}
