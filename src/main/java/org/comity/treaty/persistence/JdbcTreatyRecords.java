package org.comity.treaty.persistence;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Standing;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.WithdrawalReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Treaty actions, reservations and imports added on this node, in append-only PostgreSQL tables. Each
 * row records who added it, when and through which channel: the rows are the audit trail.
 */
@Repository
public class JdbcTreatyRecords {

    /** A reservation row before the catalogue resolves its citation and effect. */
    public record ReservationRow(
            String instrument,
            CountryCode party,
            String article,
            Optional<String> paragraph,
            String kind,
            String effect,
            List<String> values,
            Optional<LocalDate> madeOn,
            Optional<LocalDate> withdrawnOn,
            String source,
            LocalDate asOf) {}

    private final JdbcClient jdbc;

    public JdbcTreatyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The withdrawal of a record: of a record added here ({@code actionId}), or of a shipped record named
     * by its key (the key columns are stored in both cases, so the row reads on its own in an audit).
     */
    public record WithdrawalRow(
            Optional<Long> actionId,
            String instrument,
            CountryCode party,
            ActionType action,
            Optional<LocalDate> date,
            Standing standing,
            WithdrawalReason reason,
            Optional<String> note,
            Optional<Long> supersededBy,
            Instant at,
            String actor,
            String channel) {}

    public List<TreatyAction> actions() {
        return jdbc.sql("""
                        SELECT id, instrument, party, action, action_date, source, as_of, note, standing, recorded_by,
                               channel
                        FROM treaty_action ORDER BY id
                        """).query(JdbcTreatyRecords::action).list();
    }

    /** Serialises recording and importing actions until the transaction ends. */
    public void lockActions() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('comity.treaty_action'))")
                .query()
                .singleRow();
    }

    /** False if the same event is already recorded (nothing written then). */
    public boolean insert(TreatyAction action, Instant at, String actor, String channel, Optional<UUID> importId) {
        return insertReturningId(action, at, actor, channel, importId).isPresent();
    }

    /** The new record's id; empty if the same event is already recorded (nothing written then). */
    public Optional<Long> insertReturningId(
            TreatyAction action, Instant at, String actor, String channel, Optional<UUID> importId) {
        return jdbc.sql("""
                        INSERT INTO treaty_action (instrument, party, action, action_date, source, as_of, note,
                                                   standing, recorded_at, recorded_by, channel, import_id)
                        VALUES (:instrument, :party, :action, :date, :source, :asOf, :note, :standing, :at, :actor,
                                :channel, :importId)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """)
                .param("instrument", action.instrument())
                .param("party", action.party().value())
                .param("action", action.type().code())
                .param("date", action.date().map(Date::valueOf).orElse(null), java.sql.Types.DATE)
                .param("source", action.source())
                .param("asOf", Date.valueOf(action.asOf().orElseThrow()))
                .param("note", action.note().orElse(null), java.sql.Types.VARCHAR)
                .param("standing", action.standing().code())
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("channel", channel)
                .param("importId", importId.orElse(null), java.sql.Types.OTHER)
                .query(Long.class)
                .optional();
    }

    /** False if the record is already withdrawn (nothing written then). */
    public boolean insertWithdrawal(WithdrawalRow row) {
        return jdbc.sql("""
                        INSERT INTO treaty_action_withdrawal (action_id, instrument, party, action, action_date,
                            standing, reason, note, superseded_by, recorded_at, recorded_by, channel)
                        VALUES (:actionId, :instrument, :party, :action, :date, :standing, :reason, :note,
                            :supersededBy, :at, :actor, :channel)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("actionId", row.actionId().orElse(null), java.sql.Types.BIGINT)
                        .param("instrument", row.instrument())
                        .param("party", row.party().value())
                        .param("action", row.action().code())
                        .param("date", row.date().map(Date::valueOf).orElse(null), java.sql.Types.DATE)
                        .param("standing", row.standing().code())
                        .param("reason", row.reason().code())
                        .param("note", row.note().orElse(null), java.sql.Types.VARCHAR)
                        .param("supersededBy", row.supersededBy().orElse(null), java.sql.Types.BIGINT)
                        .param("at", Timestamp.from(row.at()))
                        .param("actor", row.actor())
                        .param("channel", row.channel())
                        .update()
                == 1;
    }

    public List<WithdrawalRow> withdrawals() {
        return jdbc.sql("""
                        SELECT action_id, instrument, party, action, action_date, standing, reason, note,
                               superseded_by, recorded_at, recorded_by, channel
                        FROM treaty_action_withdrawal ORDER BY id
                        """).query(JdbcTreatyRecords::withdrawal).list();
    }

    public void recordImport(
            UUID id, Instant at, String actor, String channel, String fileName, byte[] sha256, int added, int skipped) {
        jdbc.sql("""
                        INSERT INTO treaty_import (id, at, actor, channel, file_name, sha256, added, skipped)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, Timestamp.from(at), actor, channel, fileName, sha256, added, skipped)
                .update();
    }

    public void insertReservation(ReservationRow row, Instant at, String actor) {
        jdbc.sql("""
                        INSERT INTO treaty_reservation (instrument, party, article, paragraph, kind, effect,
                            effect_values, made_on, withdrawn_on, source, as_of, recorded_at, recorded_by)
                        VALUES (:instrument, :party, :article, :paragraph, :kind, :effect,
                            string_to_array(:values, chr(10)), :madeOn, :withdrawnOn, :source, :asOf, :at, :actor)
                        """)
                .param("instrument", row.instrument())
                .param("party", row.party().value())
                .param("article", row.article())
                .param("paragraph", row.paragraph().orElse(null), java.sql.Types.VARCHAR)
                .param("kind", row.kind())
                .param("effect", row.effect())
                .param("values", String.join("\n", row.values()))
                .param("madeOn", row.madeOn().map(Date::valueOf).orElse(null), java.sql.Types.DATE)
                .param("withdrawnOn", row.withdrawnOn().map(Date::valueOf).orElse(null), java.sql.Types.DATE)
                .param("source", row.source())
                .param("asOf", Date.valueOf(row.asOf()))
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .update();
    }

    public List<ReservationRow> reservations() {
        return jdbc.sql("""
                        SELECT instrument, party, article, paragraph, kind, effect, effect_values, made_on,
                               withdrawn_on, source, as_of
                        FROM treaty_reservation ORDER BY id
                        """).query(JdbcTreatyRecords::reservation).list();
    }

    private static TreatyAction action(ResultSet rs, int row) throws SQLException {
        return new TreatyAction(
                rs.getString("instrument"),
                new CountryCode(rs.getString("party")),
                ActionType.fromCode(rs.getString("action")).orElseThrow(),
                Optional.ofNullable(rs.getDate("action_date")).map(Date::toLocalDate),
                rs.getString("source"),
                Optional.of(rs.getDate("as_of").toLocalDate()),
                Optional.ofNullable(rs.getString("note")),
                rs.getString("recorded_by") + " (" + rs.getString("channel") + ")",
                Standing.fromCode(rs.getString("standing")).orElseThrow(),
                Optional.of(rs.getLong("id")),
                Optional.empty());
    }

    private static WithdrawalRow withdrawal(ResultSet rs, int row) throws SQLException {
        long actionId = rs.getLong("action_id");
        Optional<Long> action = rs.wasNull() ? Optional.empty() : Optional.of(actionId);
        long supersededBy = rs.getLong("superseded_by");
        Optional<Long> superseding = rs.wasNull() ? Optional.empty() : Optional.of(supersededBy);
        return new WithdrawalRow(
                action,
                rs.getString("instrument"),
                new CountryCode(rs.getString("party")),
                ActionType.fromCode(rs.getString("action")).orElseThrow(),
                Optional.ofNullable(rs.getDate("action_date")).map(Date::toLocalDate),
                Standing.fromCode(rs.getString("standing")).orElseThrow(),
                WithdrawalReason.fromCode(rs.getString("reason")).orElseThrow(),
                Optional.ofNullable(rs.getString("note")),
                superseding,
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("recorded_by"),
                rs.getString("channel"));
    }

    private static ReservationRow reservation(ResultSet rs, int row) throws SQLException {
        Array values = rs.getArray("effect_values");
        var list = values == null ? List.<String>of() : Arrays.asList((String[]) values.getArray());
        return new ReservationRow(
                rs.getString("instrument"),
                new CountryCode(rs.getString("party")),
                rs.getString("article"),
                Optional.ofNullable(rs.getString("paragraph")),
                rs.getString("kind"),
                rs.getString("effect"),
                list.stream().filter(v -> !v.isEmpty()).toList(),
                Optional.ofNullable(rs.getDate("made_on")).map(Date::toLocalDate),
                Optional.ofNullable(rs.getDate("withdrawn_on")).map(Date::toLocalDate),
                rs.getString("source"),
                rs.getDate("as_of").toLocalDate());
    }
}
