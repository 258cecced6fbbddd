package org.comity.casework.persistence;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.comity.casework.domain.CounterpartLetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Letters exchanged with the counterpart of a request (V96), one per message id. */
@Repository
public class JdbcLetters {

    private final JdbcClient jdbc;

    public JdbcLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if this message's letter is stored already */
    public boolean store(CounterpartLetter l) {
        return jdbc.sql("""
                        INSERT INTO casework_letter (message_id, request_id, direction, author, counterpart, body, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""")
                        .params(
                                l.messageId(),
                                l.requestId(),
                                l.way().code(),
                                l.author(),
                                l.counterpart(),
                                l.body(),
                                Timestamp.from(l.at()))
                        .update()
                == 1;
    }

    public List<CounterpartLetter> of(UUID requestId) {
        return jdbc.sql("""
                        SELECT message_id, request_id, direction, author, counterpart, body, at FROM casework_letter
                        WHERE request_id = ? ORDER BY at, message_id""")
                .param(requestId)
                .query((rs, n) -> new CounterpartLetter(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        CounterpartLetter.Way.of(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }
}
