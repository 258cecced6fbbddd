package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.comity.accounts.persistence.JdbcAccounts;
import org.comity.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Issue 15 item 10, constant-time side: a sign-in for an unknown or disabled account hashes the
 * presented password just as one for a real account does, so the time a failure takes does not tell
 * which accounts exist. Counted, not timed: the work is the same or it is not.
 */
class SignInTimingTest {

    /** Counts hash computations. */
    static final class Counting implements PasswordEncoder {
        final PasswordEncoder delegate = new BCryptPasswordEncoder(4);
        final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return delegate.matches(raw, encoded);
        }
    }

    /** The store with one enabled and one disabled account, and no database. */
    static final class Store extends JdbcAccounts {
        final String hash;

        Store(String hash) {
            super(null);
            this.hash = hash;
        }

        @Override
        public Optional<Account> find(String username) {
            return switch (username) {
                case "present", "disabled" ->
                    Optional.of(new Account(
                            username,
                            username,
                            Set.of(Role.CASEWORKER),
                            username.equals("present"),
                            Instant.EPOCH,
                            Optional.empty()));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<SecondFactor> secondFactor(String username) {
            return Optional.empty();
        }

        @Override
        public Optional<Credentials> credentials(String username) {
            return username.equals("present") ? Optional.of(new Credentials(hash, 3)) : Optional.empty();
        }
    }

    private final Counting encoder = new Counting();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final SignIn signIn = new SignIn(
            new Store(encoder.encode("the right passphrase")),
            encoder,
            new SignInThrottle(clock),
            new SecondFactors(
                    Set.of(),
                    new org.comity.node.NodeIdentity(
                            "n", "a", Optional.empty(), org.comity.node.DatabaseMode.EXTERNAL, "test")),
            clock);

    private static UsernamePasswordAuthenticationToken attempt(String username, String password) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        var request = new MockHttpServletRequest();
        request.setRemoteAddr("192.0.2.1");
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    private int hashesFor(String username, String password) {
        int before = encoder.matches.get();
        try {
            signIn.authenticate(attempt(username, password));
        } catch (BadCredentialsException expected) {
            // counted below
        }
        return encoder.matches.get() - before;
    }

    @Test
    void everyFailureHashesThePasswordOnce() {
        // The first call also prepares the dummy hash (an encode, not a match).
        assertThat(hashesFor("no-such-user", "a guess at it")).isEqualTo(1);
        assertThat(hashesFor("present", "a wrong passphrase")).isEqualTo(1);
        assertThat(hashesFor("disabled", "a wrong passphrase")).isEqualTo(1);
        assertThat(hashesFor("disabled", "the right passphrase")).isEqualTo(1);
        assertThat(hashesFor("NOT A USERNAME", "x")).isEqualTo(1);
        assertThat(hashesFor("present", "the right passphrase")).isEqualTo(1);
    }

    @Test
    void aSuccessfulSignInCarriesTheSessionGeneration() {
        var result = signIn.authenticate(attempt("present", "the right passphrase"));
        assertThat(result.getPrincipal())
                .isInstanceOfSatisfying(
                        AccountPrincipal.class,
                        p -> assertThat(p.sessionGeneration()).isEqualTo(3));
    }

    @Test
    void aThrottledAttemptIsRefusedBeforeAnyHash() {
        for (int i = 0; i <= SignInThrottle.FREE_PER_SOURCE; i++) {
            try {
                signIn.authenticate(attempt("present", "wrong " + i));
            } catch (BadCredentialsException | SignInThrottled expected) {
                // the last one starts the wait
            }
        }
        int before = encoder.matches.get();
        assertThatThrownBy(() -> signIn.authenticate(attempt("present", "the right passphrase")))
                .isInstanceOf(SignInThrottled.class);
        assertThat(encoder.matches.get()).isEqualTo(before);
    }
}
