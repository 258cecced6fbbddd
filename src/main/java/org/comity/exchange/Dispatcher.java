package org.comity.exchange;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.comity.exchange.persistence.JdbcMessageStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each due message is POSTed to its recipient's inbox (HTTPS; plain HTTP only to
 * the loopback interface), at most {@code concurrency} at a time and one at a time per conversation and
 * recipient, so a receiver sees each sender's messages in sequence; independent conversations go out in
 * parallel. Messages are claimed in the database for the length of an attempt (FOR UPDATE SKIP LOCKED),
 * so several instances of a node can each run a dispatcher without posting a message twice at once. A verified receipt marks it
 * delivered; a refusal by the receiver (422 naming its step, 413) fails it at once; anything else is
 * retried after an exponentially growing wait with jitter until the give-up time, when the failure is
 * recorded. Woken after every send commits; otherwise it looks every poll interval, so rows another
 * process wrote, or left behind in a crash, are delivered too.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Pattern RULE = Pattern.compile("\"rule\"\\s*:\\s*\"([a-z][a-z0-9-]{0,60})\"");

    private final JdbcMessageStore store;
    private final MessageExchange exchange;
    private final Clock clock;
    private final ExchangeProperties.Delivery settings;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Semaphore signal = new Semaphore(0);
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** The claims this dispatcher holds (row id to claimed-until), to give back those left at shutdown. */
    private final java.util.concurrent.ConcurrentHashMap<Long, Instant> claims =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Thread thread;
    private volatile boolean running;

    Dispatcher(
            JdbcMessageStore store,
            MessageExchange exchange,
            Clock clock,
            ExchangeProperties.Delivery settings,
            @Nullable SSLContext ssl) {
        this.store = store;
        this.exchange = exchange;
        this.clock = clock;
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrency());
        var builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.thread =
                Thread.ofPlatform().name("exchange-dispatcher").daemon(true).unstarted(this::run);
    }

    void start() {
        running = true;
        exchange.onSent(this::wake);
        thread.start();
    }

    /**
     * Lets the attempts in flight finish (up to 10 s), then interrupts the rest and gives their claims
     * back, so another instance — or this node when it starts again — posts them at once instead of
     * after the claim runs out (up to a minute). Giving a claim back is safe even if the receiver did
     * store the message: the same bytes posted again get the same receipt.
     */
    void stop() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseClaims();
        http.close();
    }

    private void releaseClaims() {
        for (var claim : claims.entrySet()) {
            try {
                store.release(claim.getKey(), claim.getValue());
            } catch (RuntimeException e) {
                // The claim then runs out as after a crash.
                log.warn("Could not give back the claim on outbox row {}", claim.getKey(), e);
            }
        }
        claims.clear();
    }

    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private void run() {
        while (running) {
            try {
                int started = 0;
                int free = slots.availablePermits();
                if (free > 0) {
                    Instant now = clock.instant();
                    // Stored to the microsecond, so giving the claim back can name it exactly.
                    var until = now.plus(claim()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                    // Only this thread takes slots, so every message claimed has one.
                    for (var due : store.claimDue(now, until, free)) {
                        slots.acquire();
                        inFlight.incrementAndGet();
                        started++;
                        claims.put(due.id(), until);
                        workers.submit(() -> {
                            try {
                                if (deliver(due)) {
                                    claims.remove(due.id());
                                }
                            } finally {
                                inFlight.decrementAndGet();
                                slots.release();
                                wake();
                            }
                        });
                    }
                }
                if (started == 0) {
                    signal.tryAcquire(sleep().toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("exchange dispatcher failed; retrying shortly", e);
                pause();
            }
        }
    }

    /**
     * How long a claim holds: longer than an attempt can take (connecting, the answer, storing the
     * outcome), so no other instance posts the message meanwhile; a claim left by a crash then runs out.
     */
    private Duration claim() {
        return settings.connectTimeout().plus(settings.requestTimeout()).plusSeconds(30);
    }

    /** Until the next message is due, at most the poll interval. */
    private Duration sleep() {
        var poll = settings.pollInterval();
        if (inFlight.get() > 0) {
            return poll;
        }
        return store.nextDue(clock.instant())
                .map(next -> Duration.between(clock.instant(), next))
                .filter(d -> d.compareTo(poll) < 0)
                .map(d -> d.isNegative() ? Duration.ofMillis(1) : d.plusMillis(1))
                .orElse(poll);
    }

    /** @return whether the attempt's outcome was recorded (ending the claim), false if it was interrupted */
    private boolean deliver(JdbcMessageStore.Due due) {
        if (!Authority.acceptableInbox(due.inbox())) {
            store.failed(due, "inbox-refused", "inbox-refused", clock.instant());
            return true;
        }
        String error;
        try {
            var request = HttpRequest.newBuilder(due.inbox())
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/jose")
                    .header("Accept", "application/jose")
                    .POST(HttpRequest.BodyPublishers.ofString(due.body(), StandardCharsets.US_ASCII))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == 200) {
                try {
                    exchange.verifyReceipt(response.body(), due.messageId(), due.digest(), due.recipient());
                    store.delivered(due, response.body().strip(), clock.instant());
                    return true;
                } catch (TrustRefused refused) {
                    log.warn("Receipt for message {} refused ({})", due.messageId(), refused.step());
                    exchange.auditDelivery("receipt-verify", refused.step(), due.messageId());
                    error = "bad-receipt";
                }
            } else if (status == 422 || status == 413) {
                var matcher = RULE.matcher(response.body());
                var step = status == 413 ? "too-large" : matcher.find() ? matcher.group(1) : "refused";
                log.warn("Message {} refused by {} at step {}", due.messageId(), due.recipient(), step);
                // Audited first, so whoever sees it failed finds the audit row too.
                exchange.auditDelivery("message-delivery", step, due.messageId());
                store.failed(due, step, step, clock.instant());
                return true;
            } else {
                error = "http-" + status;
            }
        } catch (IOException e) {
            error = "unreachable";
        } catch (InterruptedException e) {
            // Stopping: the claim stays listed and is given back by stop().
            Thread.currentThread().interrupt();
            return false;
        } catch (IllegalArgumentException e) {
            error = "unreachable";
        } catch (RuntimeException e) {
            // A fault on this side (the database, a bug): retried like an unreachable receiver, not left
            // claimed and unrecorded.
            log.error("Delivering message {} failed on this side", due.messageId(), e);
            error = "sender-error";
        }
        Instant now = clock.instant();
        var next = now.plus(backoff(due.attempts() + 1));
        if (!next.isBefore(due.giveUpAt()) || !next.isBefore(due.expires())) {
            log.warn("Gave up delivering message {} to {} ({})", due.messageId(), due.recipient(), error);
            exchange.auditDelivery("message-delivery", "gave-up", due.messageId());
            store.failed(due, error, "gave-up", now);
        } else {
            store.attemptFailed(due, error, now, next);
        }
        return true;
    }

    /** The wait after the n-th failed attempt: initial × 2^(n−1), at most the maximum, then a random half to whole of it. */
    Duration backoff(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long wait = attempt >= 40 ? max : Math.min(max, initial * (1L << Math.max(0, attempt - 1)));
        long jittered = wait / 2 + (long) (random.nextDouble() * (wait - wait / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
