package org.comity.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting a stranger lock anyone out. Failed sign-ins are counted
 * under three keys, each with a few free failures and then a delay that doubles with every further
 * failure (1 s, 2 s, 4 s …) up to a cap:
 *
 * <ul>
 *   <li>the account <em>and</em> the source address ({@value #FREE_PER_SOURCE} free, up to {@link
 *       #MAX_DELAY}): someone guessing from one address slows only themselves;
 *   <li>the source address, whatever the account ({@value #FREE_PER_ADDRESS} free, up to {@link
 *       #MAX_DELAY}): against trying one password on many accounts (not applied to an account at an
 *       address it signed in from, see below);
 *   <li>the account from addresses it has never signed in from ({@value #FREE_PER_ACCOUNT} free, up to
 *       {@link #MAX_ACCOUNT_DELAY}): against guessing spread over many addresses. The cap is short,
 *       so the owner is never locked out by someone else's guesses.
 * </ul>
 *
 * <p>An address the account signed in from in the last {@link #KNOWN_FOR} is exempt from the last two:
 * there only the account's own failures from that address count.
 *
 * <p>An attempt during a delay is refused before any password is hashed and says how long to wait
 * ({@link SignInThrottled}); it does not count as a failure. An attempt let through is counted at
 * once, in the same step as the check ({@link #admit}), and taken back if the password is right, so
 * guesses sent in parallel the moment a delay ends get no more tries than guesses sent one by one. Counts are forgotten after {@link
 * #FORGET_AFTER} without failures. State is kept in memory (a restart clears it, as does an
 * administrator with {@link Accounts#clearSignInThrottle}) and bounded, so a flood of invented
 * usernames cannot exhaust it.
 */
@Component
class SignInThrottle {

    static final int FREE_PER_SOURCE = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final int FREE_PER_ACCOUNT = 20;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration MAX_ACCOUNT_DELAY = Duration.ofMinutes(1);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration KNOWN_FOR = Duration.ofDays(30);
    static final int MAX_TRACKED = 50_000;
    private static final int MAX_KNOWN_PER_ACCOUNT = 8;

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** Failures under one key, the last one, and until when the next attempt must wait. */
    private record Strikes(int failures, Instant last, Instant waitUntil) {}

    private enum Scope {
        SOURCE(FREE_PER_SOURCE, MAX_DELAY, "this account from this address"),
        ADDRESS(FREE_PER_ADDRESS, MAX_DELAY, "this address"),
        ACCOUNT(FREE_PER_ACCOUNT, MAX_ACCOUNT_DELAY, "this account from unfamiliar addresses");

        final int free;
        final Duration cap;
        final String what;

        Scope(int free, Duration cap, String what) {
            this.free = free;
            this.cap = cap;
            this.what = what;
        }
    }

    private final Clock clock;
    private final Map<String, Strikes> strikes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> knownAddresses = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * An attempt let through to the password check. It is counted as a failure the moment it is
     * admitted, so that guesses sent in parallel cannot all pass a check made before any of them is
     * counted; a correct password takes the count back ({@link #succeeded}).
     */
    record Admitted(String username, String address, List<String> keys, Duration imposed, String cause, int failures) {}

    /**
     * Refuses the attempt if any of its keys is in a delay, and otherwise counts it under every key as
     * a failure, in one step: check and count cannot be separated by another attempt. The step is
     * short (no hashing, no I/O), so one lock over all keys costs nothing that matters, and it keeps
     * the keys of one attempt consistent with each other (an attempt refused under one key is
     * counted under none).
     *
     * @throws SignInThrottled when the attempt must wait; it is not counted
     */
    Admitted admit(String username, String address) {
        var now = clock.instant();
        var keys = keys(username, address);
        synchronized (strikes) {
            var wait = Duration.ZERO;
            for (String key : keys) {
                var current = strikes.get(key);
                if (current != null && current.waitUntil().isAfter(now)) {
                    var left = Duration.between(now, current.waitUntil());
                    wait = left.compareTo(wait) > 0 ? left : wait;
                }
            }
            if (!wait.isZero()) {
                throw new SignInThrottled(wait);
            }
            var imposed = Duration.ZERO;
            Scope cause = null;
            int failures = 0;
            var counted = new ArrayList<String>(keys.size());
            for (String key : keys) {
                var scope = scopeOf(key);
                var old = strikes.get(key);
                if (old == null && !roomFor()) {
                    continue; // full of fresh entries: fail open rather than throttle everyone
                }
                int n = old == null || old.last().plus(FORGET_AFTER).isBefore(now) ? 1 : old.failures() + 1;
                var after = new Strikes(n, now, delayAfter(n, scope, now));
                strikes.put(key, after);
                counted.add(key);
                var left = Duration.between(now, after.waitUntil());
                if (left.compareTo(imposed) > 0) {
                    imposed = left;
                    cause = scope;
                    failures = n;
                }
            }
            return new Admitted(
                    username, address, List.copyOf(counted), imposed, cause == null ? null : cause.what, failures);
        }
    }

    /**
     * The admitted attempt had a wrong password (it is already counted); returns the wait it imposes on
     * the next attempt from here, if any.
     */
    Optional<Duration> failed(Admitted attempt) {
        if (attempt.cause() == null || attempt.imposed().isZero()) {
            return Optional.empty();
        }
        // One line, no stack trace: an operator wants to see guessing, not a Java exception.
        log.warn(
                "sign-in throttled for {} s after {} failed attempts for {}: account {}, address {}",
                seconds(attempt.imposed()),
                attempt.failures(),
                attempt.cause(),
                printable(attempt.username()),
                attempt.address());
        return Optional.of(attempt.imposed());
    }

    /**
     * The attempt ended without saying anything about the password (the store could not be read):
     * it is not a failure, so its count is taken back.
     */
    void inconclusive(Admitted attempt) {
        refund(attempt, attempt.keys());
    }

    /**
     * A correct password: forgets this account's failures from this address, takes back this
     * attempt's count under the other keys, and remembers the address as one the account signs in
     * from.
     */
    void succeeded(Admitted attempt) {
        var username = attempt.username();
        var address = attempt.address();
        synchronized (strikes) {
            strikes.remove(sourceKey(username, address));
        }
        refund(
                attempt,
                attempt.keys().stream()
                        .filter(k -> !k.equals(sourceKey(username, address)))
                        .toList());
        if (knownAddresses.size() >= MAX_TRACKED && !knownAddresses.containsKey(username)) {
            knownAddresses.clear(); // only ever filled by correct passwords: a rare, harmless reset
        }
        var known = knownAddresses.computeIfAbsent(username, u -> new ConcurrentHashMap<>());
        known.put(address, clock.instant());
        if (known.size() > MAX_KNOWN_PER_ACCOUNT) {
            known.entrySet().stream()
                    .min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> known.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    /**
     * Takes one failure back under each key. The delay is recomputed from the lower count but never
     * moved later than it was; other attempts counted meanwhile keep theirs.
     */
    private void refund(Admitted attempt, List<String> keys) {
        synchronized (strikes) {
            for (String key : keys) {
                var old = strikes.get(key);
                if (old == null) {
                    continue;
                }
                if (old.failures() <= 1) {
                    strikes.remove(key);
                    continue;
                }
                int n = old.failures() - 1;
                var recomputed = delayAfter(n, scopeOf(key), old.last());
                strikes.put(
                        key,
                        new Strikes(
                                n, old.last(), recomputed.isBefore(old.waitUntil()) ? recomputed : old.waitUntil()));
            }
        }
    }

    /** Until when an account's sign-in is throttled from anywhere it has been throttled; for administrators. */
    Optional<Instant> throttledUntil(String username) {
        var now = clock.instant();
        return strikes.entrySet().stream()
                .filter(e -> isAbout(e.getKey(), username))
                .map(e -> e.getValue().waitUntil())
                .filter(until -> until.isAfter(now))
                .max(Instant::compareTo);
    }

    /** Forgets every failure counted against the account, and against the addresses it was tried from. */
    void clear(String username) {
        synchronized (strikes) {
            for (String key : List.copyOf(strikes.keySet())) {
                if (key.startsWith("s|" + username + "|")) {
                    strikes.remove("a|" + key.substring(("s|" + username + "|").length()));
                    strikes.remove(key);
                }
            }
            strikes.remove(accountKey(username));
        }
    }

    private List<String> keys(String username, String address) {
        var keys = new ArrayList<String>(3);
        keys.add(sourceKey(username, address));
        // Where the account signed in before, only its own failures there count: neither guesses at
        // other accounts from the same address (an office behind one NAT) nor guesses from elsewhere.
        if (!isKnown(username, address)) {
            keys.add("a|" + address);
            keys.add(accountKey(username));
        }
        return keys;
    }

    private boolean isKnown(String username, String address) {
        var known = knownAddresses.get(username);
        var since = known == null ? null : known.get(address);
        return since != null && since.plus(KNOWN_FOR).isAfter(clock.instant());
    }

    private static String sourceKey(String username, String address) {
        return "s|" + username + "|" + address;
    }

    private static String accountKey(String username) {
        return "u|" + username;
    }

    private static boolean isAbout(String key, String username) {
        return key.equals(accountKey(username)) || key.startsWith("s|" + username + "|");
    }

    private static Scope scopeOf(String key) {
        return switch (key.charAt(0)) {
            case 's' -> Scope.SOURCE;
            case 'a' -> Scope.ADDRESS;
            default -> Scope.ACCOUNT;
        };
    }

    private static Instant delayAfter(int failures, Scope scope, Instant now) {
        if (failures <= scope.free) {
            return now;
        }
        int doublings = Math.min(failures - scope.free - 1, 30);
        var delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return now.plus(delay.compareTo(scope.cap) > 0 ? scope.cap : delay);
    }

    /** Whether a new key may be stored; drops forgotten ones first when the map is full. */
    private boolean roomFor() {
        if (strikes.size() < MAX_TRACKED) {
            return true;
        }
        var cutoff = clock.instant().minus(FORGET_AFTER);
        strikes.values().removeIf(s -> s.last().isBefore(cutoff));
        return strikes.size() < MAX_TRACKED;
    }

    static long seconds(Duration wait) {
        // Rounded up: "try again in 0 s" would invite an attempt that is still refused.
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String printable(String username) {
        return username != null && NewAccount.USERNAME.matcher(username).matches() ? username : "(not a username)";
    }
}
