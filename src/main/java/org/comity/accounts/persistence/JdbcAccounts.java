package org.comity.accounts.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.comity.accounts.Account;
import org.comity.accounts.ApiToken;
import org.comity.accounts.LinkedIdentity;
import org.comity.accounts.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts, their roles, API tokens and the account audit trail in PostgreSQL. */
@Repository
public class JdbcAccounts {

    private static final String ACCOUNT_COLUMNS = """
            a.username, a.display_name, a.enabled, a.created_at, a.unit,
            coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
            """;

    private final JdbcClient jdbc;

    public JdbcAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account and its roles; false if the username is taken (nothing written then). */
    public boolean insert(Account account, String passwordHash) {
        int inserted = jdbc.sql("""
                        INSERT INTO account (username, display_name, password_hash, enabled, created_at, unit)
                        VALUES (:username, :displayName, :hash, :enabled, :createdAt, :unit)
                        ON CONFLICT (username) DO NOTHING
                        """)
                .param("username", account.username())
                .param("displayName", account.displayName())
                .param("hash", passwordHash)
                .param("enabled", account.enabled())
                .param("createdAt", Timestamp.from(account.createdAt()))
                .param("unit", account.unit().orElse(null))
                .update();
        if (inserted == 0) {
            return false;
        }
        for (Role role : account.roles()) {
            jdbc.sql("INSERT INTO account_role (username, role) VALUES (?, ?)")
                    .params(account.username(), role.name())
                    .update();
        }
        return true;
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS
                        + " FROM account a LEFT JOIN account_role r ON r.username = a.username"
                        + " WHERE a.username = ? GROUP BY a.username")
                .param(username)
                .query(JdbcAccounts::account)
                .optional();
    }

    public List<Account> list() {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS
                        + " FROM account a LEFT JOIN account_role r ON r.username = a.username"
                        + " GROUP BY a.username ORDER BY a.username")
                .query(JdbcAccounts::account)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
    }

    /** What signing in needs of an enabled account: its password hash and its session generation. */
    public record Credentials(String passwordHash, long sessionGeneration) {
        @Override
        public String toString() {
            return "Credentials[sessionGeneration=" + sessionGeneration + "]";
        }
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT password_hash, session_generation FROM account WHERE username = ? AND enabled")
                .param(username)
                .query((rs, n) -> new Credentials(rs.getString("password_hash"), rs.getLong("session_generation")))
                .optional();
    }

    /** What a console session is checked against on every request. */
    public record SessionState(long generation, boolean hasSecondFactor, boolean passwordMustChange) {}

    /** The session state of an enabled account; empty if the account is disabled or unknown. */
    public Optional<SessionState> sessionState(String username) {
        return jdbc.sql("SELECT session_generation, totp_secret IS NOT NULL AS second, password_must_change"
                        + " FROM account WHERE username = ? AND enabled")
                .param(username)
                .query((rs, n) -> new SessionState(
                        rs.getLong("session_generation"),
                        rs.getBoolean("second"),
                        rs.getBoolean("password_must_change")))
                .optional();
    }

    /** The TOTP secret of an enabled account that enrolled one, and the last step used. */
    public record SecondFactor(byte[] secret, long lastStep) {
        @Override
        public String toString() {
            return "SecondFactor[lastStep=" + lastStep + "]";
        }
    }

    public Optional<SecondFactor> secondFactor(String username) {
        return jdbc.sql("SELECT totp_secret, totp_last_step FROM account"
                        + " WHERE username = ? AND enabled AND totp_secret IS NOT NULL")
                .param(username)
                .query((rs, n) -> new SecondFactor(rs.getBytes("totp_secret"), rs.getLong("totp_last_step")))
                .optional();
    }

    /** Records a step's code as used; false if it or a later one already was (a replay, or a race). */
    public boolean useSecondFactorStep(String username, long step) {
        return jdbc.sql("UPDATE account SET totp_last_step = ? WHERE username = ? AND totp_last_step < ?")
                        .params(step, username, step)
                        .update()
                > 0;
    }

    public boolean setSecondFactor(String username, byte[] secret, long usedStep) {
        return jdbc.sql("UPDATE account SET totp_secret = ?, totp_last_step = ? WHERE username = ?")
                        .params(secret, usedStep, username)
                        .update()
                > 0;
    }

    /**
     * Sets the hash, removes the second factor (a reset is also how a lost authenticator is
     * recovered) and ends every session opened with the old password (new session generation).
     */
    /** Marks the account's password as chosen by someone else: its owner must replace it (or not). */
    public boolean setPasswordMustChange(String username, boolean mustChange) {
        return jdbc.sql("UPDATE account SET password_must_change = ? WHERE username = ?")
                        .params(mustChange, username)
                        .update()
                > 0;
    }

    /**
     * The owner's own new password: no session ends (the one that asks goes on; the generation stays)
     * and it no longer needs changing.
     */
    public boolean replaceOwnPasswordHash(String username, String passwordHash) {
        return jdbc.sql("UPDATE account SET password_hash = ?, password_must_change = false WHERE username = ?")
                        .params(passwordHash, username)
                        .update()
                > 0;
    }

    public boolean updatePasswordHash(String username, String passwordHash) {
        return jdbc.sql("UPDATE account SET password_hash = ?, session_generation = session_generation + 1,"
                                + " totp_secret = NULL, totp_last_step = 0 WHERE username = ?")
                        .params(passwordHash, username)
                        .update()
                > 0;
    }

    /** Revokes every active token of the account; returns how many. */
    public int revokeAllTokens(String username, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), username)
                .update();
    }

    public boolean setUnit(String username, @org.jspecify.annotations.Nullable String unit) {
        return jdbc.sql("UPDATE account SET unit = ? WHERE username = ?")
                        .params(unit, username)
                        .update()
                > 0;
    }

    /** Disabling also ends every session of the account (new session generation). */
    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE account SET enabled = ?,"
                                + " session_generation = session_generation + CASE WHEN ? THEN 0 ELSE 1 END"
                                + " WHERE username = ?")
                        .params(enabled, enabled, username)
                        .update()
                > 0;
    }

    public void insertToken(
            UUID id, String username, String name, byte[] tokenHash, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_token (id, username, name, token_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(id, username, name, tokenHash, Timestamp.from(createdAt), Timestamp.from(expiresAt))
                .update();
    }

    /** The enabled account owning an unrevoked, unexpired token with this hash. */
    public Optional<Account> accountForToken(byte[] tokenHash, Instant now) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + """
                         FROM api_token t
                         JOIN account a ON a.username = t.username
                         LEFT JOIN account_role r ON r.username = a.username
                         WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND a.enabled
                         GROUP BY a.username
                        """)
                .params(tokenHash, Timestamp.from(now))
                .query(JdbcAccounts::account)
                .optional();
    }

    public List<ApiToken> tokensOf(String username) {
        return jdbc.sql("""
                        SELECT id, name, created_at, expires_at, revoked_at FROM api_token
                        WHERE username = ? ORDER BY created_at DESC, id
                        """)
                .param(username)
                .query((rs, n) -> new ApiToken(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        instant(rs, "created_at"),
                        instant(rs, "expires_at"),
                        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(Timestamp::toInstant)))
                .list();
    }

    public boolean revokeToken(String username, UUID id, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND username = ? AND revoked_at IS NULL")
                        .params(Timestamp.from(now), id, username)
                        .update()
                > 0;
    }

    /** Links an identity at an OpenID provider to the account; false if it is linked already (to anyone). */
    public boolean linkIdentity(String issuer, String subject, String username, Instant at, String actor) {
        return jdbc.sql("""
                                INSERT INTO account_external_identity (issuer, subject, username, linked_at, linked_by)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT (issuer, subject) DO NOTHING
                                """)
                        .params(issuer, subject, username, Timestamp.from(at), actor)
                        .update()
                > 0;
    }

    /**
     * Removes the link and ends the account's sessions (new session generation), those it opened
     * included; false if the identity was not linked to this account.
     */
    public boolean unlinkIdentity(String issuer, String subject, String username) {
        int removed = jdbc.sql(
                        "DELETE FROM account_external_identity WHERE issuer = ? AND subject = ? AND username = ?")
                .params(issuer, subject, username)
                .update();
        if (removed == 0) {
            return false;
        }
        jdbc.sql("UPDATE account SET session_generation = session_generation + 1 WHERE username = ?")
                .param(username)
                .update();
        return true;
    }

    public List<LinkedIdentity> identitiesOf(String username) {
        return jdbc.sql("SELECT issuer, subject, linked_at, linked_by FROM account_external_identity"
                        + " WHERE username = ? ORDER BY issuer, subject")
                .param(username)
                .query((rs, n) -> new LinkedIdentity(
                        rs.getString("issuer"),
                        rs.getString("subject"),
                        instant(rs, "linked_at"),
                        rs.getString("linked_by")))
                .list();
    }

    /** The account (enabled or not) an identity is linked to. */
    public Optional<String> accountForIdentity(String issuer, String subject) {
        return jdbc.sql("SELECT username FROM account_external_identity WHERE issuer = ? AND subject = ?")
                .params(issuer, subject)
                .query(String.class)
                .optional();
    }

    /** The account's audit trail, newest first (at most the last 500 events). */
    public List<org.comity.accounts.AccountEvent> events(String subject) {
        return jdbc.sql("SELECT at, actor, action FROM account_event WHERE subject = ? ORDER BY id DESC LIMIT 500")
                .param(subject)
                .query((rs, n) -> new org.comity.accounts.AccountEvent(
                        rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action")))
                .list();
    }

    /** Appends to the account audit trail, which is never updated or deleted. */
    public void audit(Instant at, String actor, String subject, String action) {
        jdbc.sql("INSERT INTO account_event (at, actor, subject, action) VALUES (?, ?, ?, ?)")
                .params(Timestamp.from(at), actor, subject, action)
                .update();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        String[] roles = (String[]) rs.getArray("roles").getArray();
        Set<Role> set = roles.length == 0
                ? Set.of()
                : Arrays.stream(roles)
                        .map(Role::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return new Account(
                rs.getString("username"),
                rs.getString("display_name"),
                set,
                rs.getBoolean("enabled"),
                instant(rs, "created_at"),
                Optional.ofNullable(rs.getString("unit")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
