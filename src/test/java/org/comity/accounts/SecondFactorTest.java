package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.comity.accounts.Totp.Algorithm;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The TOTP second factor: required per role by configuration, enrolled in the console, removed by a reset. */
@NodeTest
@TestPropertySource(properties = "comity.accounts.second-factor-roles=SUPERVISOR")
class SecondFactorTest {

    static final String PASSWORD = "a long enough passphrase";

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

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        clock.advance(Duration.ofMinutes(5)); // past every code an earlier test used
    }

    private void register(String username, Role role) {
        accounts.register(new NewAccount(username, "User " + username, Set.of(role), PASSWORD), "test");
    }

    private org.springframework.test.web.servlet.ResultActions signIn(
            String username, String password, @Nullable String code) throws Exception {
        var request = post("/login")
                .param("username", username)
                .param("password", password)
                .with(csrf());
        if (code != null) {
            request.param("code", code);
        }
        return mvc.perform(request);
    }

    private MockHttpSession session(org.springframework.test.web.servlet.ResultActions signedIn) {
        return (MockHttpSession) signedIn.andReturn().getRequest().getSession(false);
    }

    private String code(byte[] secret) {
        return Totp.at(secret, clock.instant(), Algorithm.SHA1, 6);
    }

    private byte[] enrol(String username) {
        var offer = accounts.offerSecondFactor(username);
        accounts.enrolSecondFactor(username, offer, code(offer.secret()));
        clock.advance(Duration.ofSeconds(30));
        return offer.secret();
    }

    @Test
    void aRoleThatRequiresItEnrolsBeforeAnythingElse() throws Exception {
        register("sup.one", Role.SUPERVISOR);
        // Not through the API with the password alone.
        mvc.perform(get("/api/me").with(httpBasic("sup.one", PASSWORD))).andExpect(status().isUnauthorized());

        var session = session(signIn("sup.one", PASSWORD, null).andExpect(redirectedUrl("/console")));
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/second-factor"));
        mvc.perform(get("/requests").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/second-factor"));

        var page = mvc.perform(get("/account/second-factor").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var secret = base32(page.replaceAll("(?s).*<code class=\"secret\" id=\"secret\">([A-Z2-7]+)</code>.*", "$1"));
        assertThat(secret).hasSize(Totp.SECRET_BYTES);
        assertThat(page).contains("otpauth://totp/").contains("issuer=");

        var wrong = code(secret).equals("000000") ? "111111" : "000000";
        var refused = mvc.perform(post("/account/second-factor")
                        .session(session)
                        .with(csrf())
                        .param("code", wrong)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("id=\"code-error\"");
        assertThat(accounts.hasSecondFactor("sup.one")).isFalse();

        mvc.perform(post("/account/second-factor")
                        .session(session)
                        .with(csrf())
                        .param("code", code(secret))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/second-factor"));
        assertThat(accounts.hasSecondFactor("sup.one")).isTrue();
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk());
    }

    @Test
    void onceEnrolledSigningInTakesACurrentUnusedCode() throws Exception {
        // A caseworker's role does not require it, but anyone may enrol.
        register("careful", Role.CASEWORKER);
        var secret = enrol("careful");

        signIn("careful", PASSWORD, null).andExpect(redirectedUrl("/login?error"));
        signIn("careful", PASSWORD, "123456".equals(code(secret)) ? "654321" : "123456")
                .andExpect(redirectedUrl("/login?error"));
        signIn("careful", "a wrong passphrase", code(secret)).andExpect(redirectedUrl("/login?error"));
        var code = code(secret);
        var session = session(signIn("careful", PASSWORD, code).andExpect(redirectedUrl("/console")));
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk());
        // The same code again is a replay.
        signIn("careful", PASSWORD, code).andExpect(redirectedUrl("/login?error"));

        // The API takes the code in a header, once per code.
        mvc.perform(get("/api/me").with(httpBasic("careful", PASSWORD))).andExpect(status().isUnauthorized());
        clock.advance(Duration.ofSeconds(30));
        var next = code(secret);
        mvc.perform(get("/api/me").with(httpBasic("careful", PASSWORD)).header(SignInDetails.CODE_HEADER, next))
                .andExpect(status().isOk());
        mvc.perform(get("/api/me").with(httpBasic("careful", PASSWORD)).header(SignInDetails.CODE_HEADER, next))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anAdministratorsPasswordResetRemovesALostSecondFactor() throws Exception {
        register("sup.lost", Role.SUPERVISOR);
        enrol("sup.lost");
        var password = accounts.resetPassword("sup.lost", TestAccounts.username(Role.ADMIN));
        assertThat(accounts.hasSecondFactor("sup.lost")).isFalse();
        var session = session(signIn("sup.lost", password, null).andExpect(redirectedUrl("/console")));
        // The administrator knows the new password: it is changed first.
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", password)
                        .param("newPassword", "only the supervisor knows this one"))
                .andExpect(redirectedUrl("/console"));
        // The role still requires a second factor: enrol again.
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/second-factor"));
    }

    @Test
    void wrongCodesCountAsFailedSignIns() throws Exception {
        register("guessed", Role.CASEWORKER);
        var secret = enrol("guessed");
        var wrong = code(secret).equals("000000") ? "111111" : "000000";
        for (int i = 0; i < SignInThrottle.FREE_PER_SOURCE; i++) {
            signIn("guessed", PASSWORD, wrong).andExpect(redirectedUrl("/login?error"));
        }
        signIn("guessed", PASSWORD, wrong).andExpect(redirectedUrl("/login?throttled=1"));
    }

    /** RFC 4648 base 32, as the page shows the secret (no padding). */
    private static byte[] base32(String text) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
