package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 15 item 10: failed sign-ins slow down whoever fails, from where they fail, and never lock the
 * owner out from elsewhere; a throttled caller is told so and for how long; an administrator can clear it.
 */
@NodeTest
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

    static final String PASSWORD = "the right passphrase";
    static final String STRANGER = "203.0.113.66";
    static final String OWNER = "198.51.100.7";

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

    private static int next;
    private String target;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        // A fresh account per test, and time moved on past anything an earlier test left behind.
        target = "target" + (++next);
        accounts.register(new NewAccount(target, "Target", Set.of(Role.ADMIN), PASSWORD), "test");
        clock.advance(Duration.ofDays(1));
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private ResultActions basic(String username, String password, String address) throws Exception {
        return mvc.perform(get("/api/me").with(httpBasic(username, password)).with(from(address)));
    }

    private void failFreely(String username, String address, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            basic(username, "guess number " + i, address).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void guessesSentTogetherWhenAWaitEndsGetOneTryNotOneEach() throws Exception {
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        basic(target, "sixth guess", STRANGER).andExpect(status().isTooManyRequests()); // waits 1 s
        clock.advance(Duration.ofSeconds(1));
        // The moment the wait ends, 16 guesses at once. Checked and counted one by one, only the first
        // is tried (and makes the next wait 2 s); the old check-then-count let all 16 through to the
        // password check and counted 16 failures, pushing the wait to the 15-minute cap.
        int parallel = 16;
        var start = new java.util.concurrent.CyclicBarrier(parallel);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        var statuses = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        try {
            for (int i = 0; i < parallel; i++) {
                int n = i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return basic(target, "parallel guess " + n, STRANGER)
                            .andReturn()
                            .getResponse()
                            .getStatus();
                }));
            }
            for (var status : statuses) {
                assertThat(status.get(30, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(429);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(2));
        basic(target, PASSWORD, STRANGER).andExpect(status().isOk());
    }

    @Test
    void aStrangersGuessesNeverLockTheOwnerOutFromTheirAddress() throws Exception {
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        // The next wrong guess from the stranger's address makes that address wait …
        basic(target, "yet another guess", STRANGER).andExpect(status().isTooManyRequests());
        for (int i = 0; i < 30; i++) {
            basic(target, "refused anyway " + i, STRANGER).andExpect(status().isTooManyRequests());
        }
        // … while the owner, from their own address, gets in at once.
        // Even an administrator's account (the old lock took "admin" away for 15 minutes).
        basic(target, PASSWORD, OWNER).andExpect(status().isOk());
    }

    @Test
    void aThrottledCallerIsToldSoWithRetryAfterAndNotThatThePasswordIsWrong() throws Exception {
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        basic(target, "sixth guess", STRANGER)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/too-many-requests"))
                .andExpect(jsonPath("$.retryAfterSeconds").value(1))
                .andExpect(jsonPath("$.detail").value("too many failed sign-in attempts; try again in 1 s"));
        // The right password during the wait is refused the same way: the answer reveals nothing.
        basic(target, PASSWORD, STRANGER)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        clock.advance(Duration.ofSeconds(1));
        basic(target, PASSWORD, STRANGER).andExpect(status().isOk());
    }

    @Test
    void theWaitGrowsWithEveryFurtherFailure() throws Exception {
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        for (long expected : new long[] {1, 2, 4, 8, 16, 32}) {
            var wait = basic(target, "wrong again", STRANGER)
                    .andExpect(status().isTooManyRequests())
                    .andReturn()
                    .getResponse()
                    .getHeader("Retry-After");
            assertThat(Long.parseLong(wait)).isEqualTo(expected);
            clock.advance(Duration.ofSeconds(expected));
        }
        // Refusals during a wait are not failures: they neither lengthen it nor are counted.
        basic(target, "wrong again", STRANGER).andExpect(status().isTooManyRequests());
        basic(target, "during the wait", STRANGER)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "64"));
    }

    @Test
    void theWaitIsCapped() throws Exception {
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        String wait = null;
        for (int i = 0; i < 20; i++) {
            wait = basic(target, "wrong", STRANGER).andReturn().getResponse().getHeader("Retry-After");
            clock.advance(Duration.ofSeconds(Long.parseLong(wait)));
        }
        assertThat(Long.parseLong(wait)).isEqualTo(SignInThrottle.MAX_DELAY.toSeconds());
    }

    @Test
    void guessesSpreadOverManyAddressesSlowOnlyUnfamiliarAddresses() throws Exception {
        basic(target, PASSWORD, OWNER).andExpect(status().isOk());
        for (int i = 0; i < SignInThrottle.FREE_PER_ACCOUNT; i++) {
            basic(target, "botnet guess", "192.0.2." + i).andExpect(status().isUnauthorized());
        }
        var wait = basic(target, "botnet guess", "192.0.2.250")
                .andExpect(status().isTooManyRequests())
                .andReturn()
                .getResponse()
                .getHeader("Retry-After");
        assertThat(Long.parseLong(wait)).isLessThanOrEqualTo(SignInThrottle.MAX_ACCOUNT_DELAY.toSeconds());
        // A fresh address must wait too (that is the point) …
        basic(target, PASSWORD, "192.0.2.251").andExpect(status().isTooManyRequests());
        // … but the address the owner signed in from is not slowed at all.
        basic(target, PASSWORD, OWNER).andExpect(status().isOk());
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedDown() throws Exception {
        var colleague = TestAccounts.username(Role.AUDITOR);
        basic(colleague, TestAccounts.PASSWORD, STRANGER).andExpect(status().isOk());
        for (int i = 0; i < SignInThrottle.FREE_PER_ADDRESS; i++) {
            basic("nobody" + i, "spray", STRANGER).andExpect(status().isUnauthorized());
        }
        basic(target, "spray", STRANGER).andExpect(status().isTooManyRequests());
        basic(target, PASSWORD, OWNER).andExpect(status().isOk());
        // Someone who signed in from that address before (an office behind one NAT) is not slowed.
        basic(colleague, TestAccounts.PASSWORD, STRANGER).andExpect(status().isOk());
    }

    @Test
    void unknownAccountsAreThrottledLikeKnownOnes() throws Exception {
        failFreely("no-such-user", STRANGER, SignInThrottle.FREE_PER_SOURCE);
        basic("no-such-user", "guess", STRANGER).andExpect(status().isTooManyRequests());
    }

    @Test
    void theSignInPageSaysWhenSignInIsThrottled() throws Exception {
        for (int i = 0; i < SignInThrottle.FREE_PER_SOURCE; i++) {
            mvc.perform(signInForm("wrong " + i)).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(signInForm("wrong again")).andExpect(redirectedUrl("/login?throttled=1"));
        mvc.perform(signInForm(PASSWORD)).andExpect(redirectedUrl("/login?throttled=1"));
        mvc.perform(get("/login").param("throttled", "1").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "Too many failed sign-in attempts. Try again in 1 s.")));
        mvc.perform(get("/login").param("throttled", "<b>call this number</b>").accept(MediaType.TEXT_HTML))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Too many failed"))));
    }

    @Test
    void anAdministratorClearsTheThrottle() throws Exception {
        var admin = TestAccounts.username(Role.ADMIN);
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        basic(target, "one more", STRANGER).andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/accounts/" + target).with(httpBasic(admin, TestAccounts.PASSWORD)))
                .andExpect(jsonPath("$.signInThrottledUntil").exists());

        mvc.perform(delete("/api/accounts/" + target + "/sign-in-throttle")
                        .with(httpBasic(TestAccounts.username(Role.SUPERVISOR), TestAccounts.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/accounts/" + target + "/sign-in-throttle")
                        .with(httpBasic(admin, TestAccounts.PASSWORD)))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/accounts/" + target).with(httpBasic(admin, TestAccounts.PASSWORD)))
                .andExpect(jsonPath("$.signInThrottledUntil").doesNotExist());
        basic(target, PASSWORD, STRANGER).andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT actor FROM account_event WHERE subject = ? AND action = 'sign-in throttle cleared'")
                        .param(target)
                        .query(String.class)
                        .list())
                .containsExactly(admin);
        mvc.perform(delete("/api/accounts/no-such-account/sign-in-throttle")
                        .with(httpBasic(admin, TestAccounts.PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theAdministrationPageShowsAndClearsTheThrottle() throws Exception {
        var admin = user(TestAccounts.username(Role.ADMIN)).roles("ADMIN");
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        basic(target, "one more", STRANGER).andExpect(status().isTooManyRequests());
        page(get("/admin/accounts").with(admin))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sign-in throttled for 1 s")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "/admin/accounts/" + target + "/sign-in-throttle")));
        page(post("/admin/accounts/" + target + "/sign-in-throttle").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/admin/accounts"));
        assertThat(accounts.signInThrottledUntil(target)).isEmpty();
        basic(target, PASSWORD, STRANGER).andExpect(status().isOk());
    }

    private MockHttpServletRequestBuilder signInForm(String password) {
        return post("/login")
                .param("username", target)
                .param("password", password)
                .with(csrf())
                .with(from(STRANGER));
    }

    private ResultActions page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.accept(MediaType.TEXT_HTML));
    }

    @Test
    void throttlingIsLoggedInOneLineWithoutAStackTrace(CapturedOutput output) throws Exception {
        failFreely(target, STRANGER, SignInThrottle.FREE_PER_SOURCE);
        basic(target, "one more", STRANGER).andExpect(status().isTooManyRequests());
        basic(target, "refused", STRANGER).andExpect(status().isTooManyRequests());
        var logged = output.getAll()
                .lines()
                .filter(line -> line.contains("sign-in throttled"))
                .toList();
        assertThat(logged).hasSize(1);
        assertThat(logged.getFirst()).contains("account " + target, "address " + STRANGER);
        assertThat(output.getAll()).doesNotContain("SignInThrottled", "\tat org.springframework.security");
        // The password is never logged.
        assertThat(output.getAll()).doesNotContain("one more");
    }
}
