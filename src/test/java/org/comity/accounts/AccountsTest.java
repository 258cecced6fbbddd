package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@NodeTest
class AccountsTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        var hash = jdbc.sql("SELECT password_hash FROM account WHERE username = ?")
                .param(TestAccounts.username(Role.ADMIN))
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(TestAccounts.PASSWORD);
    }

    @Test
    void aTakenUsernameIsAConflictAndChangesNothing() {
        var before = accounts.list().size();
        assertThatThrownBy(() -> accounts.register(
                        new NewAccount(
                                TestAccounts.username(Role.ADMIN),
                                "Someone else",
                                Set.of(Role.AUDITOR),
                                "another long password"),
                        "test"))
                .isInstanceOf(Conflict.class);
        assertThat(accounts.list()).hasSize(before);
        assertThat(accounts.find(TestAccounts.username(Role.ADMIN))
                        .orElseThrow()
                        .roles())
                .containsExactly(Role.ADMIN);
    }

    @Test
    void passwordMustNotContainTheUsername() {
        assertThatThrownBy(() -> accounts.register(
                        new NewAccount("bob.smith", "Bob", Set.of(Role.CASEWORKER), "my name is bob.smith!"), "test"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.rule())
                                .containsExactly("password-contains-username"));
    }

    @Test
    void anAdministratorCreatesAnAccountThatCanThenSignIn() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"amina.k","displayName":"Amina K.","roles":["LEGAL_REVIEWER","SUPERVISOR"],
                                 "password":"a long enough passphrase"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.roles.length()").value(2))
                .andExpect(jsonPath("$.password").doesNotExist());
        mvc.perform(get("/api/me").with(httpBasic("amina.k", "a long enough passphrase")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("amina.k"));
        var audit = jdbc.sql("SELECT actor FROM account_event WHERE subject = 'amina.k'")
                .query(String.class)
                .list();
        assertThat(audit).containsExactly(TestAccounts.username(Role.ADMIN));
    }

    @Test
    void formLoginOpensASessionForTheConsole() throws Exception {
        mvc.perform(formLogin("/login")
                        .user(TestAccounts.username(Role.CASEWORKER))
                        .password(TestAccounts.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console"));
        mvc.perform(formLogin("/login")
                        .user(TestAccounts.username(Role.CASEWORKER))
                        .password("wrong password!"))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void bearerTokensWorkUntilRevokedOrExpired() throws Exception {
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var body = mvc.perform(post("/api/me/tokens")
                        .with(httpBasic(caseworker, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"script\",\"validDays\":7}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var issued = JsonMapper.builder().build().readTree(body);
        var secret = issued.get("secret").asString();
        assertThat(secret).startsWith("comity_");

        mvc.perform(get("/api/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(caseworker));
        mvc.perform(get("/api/me/tokens").header("Authorization", "Bearer " + secret))
                .andExpect(jsonPath("$[0].name").value("script"))
                .andExpect(jsonPath("$[0].secret").doesNotExist());
        // A token cannot mint tokens: a stolen one could otherwise keep itself alive for ever.
        mvc.perform(post("/api/me/tokens")
                        .header("Authorization", "Bearer " + secret)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"child\",\"validDays\":366}"))
                .andExpect(status().isForbidden());
        // The token carries the account's roles, no more.
        mvc.perform(get("/api/accounts").header("Authorization", "Bearer " + secret))
                .andExpect(status().isForbidden());

        clock.advance(Duration.ofDays(8));
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized());
        clock.advance(Duration.ofDays(-8));

        mvc.perform(delete("/api/me/tokens/" + issued.get("id").asString()).header("Authorization", "Bearer " + secret))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized());
    }

    @Test
    void aDisabledAccountCanNeitherSignInNorUseItsTokens() throws Exception {
        accounts.register(
                new NewAccount("leaver", "Leaver", Set.of(Role.CASEWORKER), "a long enough passphrase"), "test");
        var token = accounts.issueToken("leaver", "laptop", Duration.ofDays(30));
        mvc.perform(post("/api/accounts/leaver/disable")
                        .with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/me").with(httpBasic("leaver", "a long enough passphrase")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void administratorsCannotDisableThemselves() throws Exception {
        mvc.perform(post("/api/accounts/" + TestAccounts.username(Role.ADMIN) + "/disable")
                        .with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("cannot-disable-self"));
    }

    @Test
    void aResetPasswordIsShownOnceAndReplacesTheOldOne() throws Exception {
        accounts.register(
                new NewAccount("forgetful", "Forgetful", Set.of(Role.AUDITOR), "a long enough passphrase"), "test");
        var oldToken = accounts.issueToken("forgetful", "old laptop", Duration.ofDays(30));
        var body = mvc.perform(post("/api/accounts/forgetful/password-reset")
                        .with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var password =
                JsonMapper.builder().build().readTree(body).get("password").asString();
        assertThat(password).hasSize(20);
        mvc.perform(get("/api/me").with(httpBasic("forgetful", "a long enough passphrase")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(httpBasic("forgetful", password))).andExpect(status().isOk());
        // Tokens issued before the reset stop working: a reset is how a compromised account recovers.
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + oldToken.secret()))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/accounts/forgetful/password-reset")
                        .with(httpBasic(TestAccounts.username(Role.SUPERVISOR), TestAccounts.PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void tokenValidityIsBounded() throws Exception {
        mvc.perform(post("/api/me/tokens")
                        .with(httpBasic(TestAccounts.username(Role.AUDITOR), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"validDays\":5000}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    @Test
    void theAccountAuditTrailIsAppendOnly() {
        assertThat(jdbc.sql("SELECT count(*) FROM account_event")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThatThrownBy(() ->
                        jdbc.sql("UPDATE account_event SET actor = 'mallory'").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM account_event").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE account_event").update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void theTestClockIsTheNodesClock(@Autowired Clock nodeClock) {
        assertThat(nodeClock.instant()).isEqualTo(clock.instant());
    }
}
