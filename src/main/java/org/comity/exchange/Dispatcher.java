package org.comity.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    /** What each peer's inbox takes in one request: this node's own bounds until the peer refuses. */
    private final BatchBounds bounds;

    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Semaphore signal = new Semaphore(0);
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** Requests in flight per inbox (a batch or a single message is one request). */
    private final java.util.concurrent.ConcurrentHashMap<URI, java.util.concurrent.atomic.AtomicInteger> requests =
            new java.util.concurrent.ConcurrentHashMap<>();
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
            int maxBytes,
            @Nullable SSLContext ssl) {
        this.bounds = new BatchBounds(settings.batch(), maxBytes);
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
                    // Only this thread takes slots, so every message claimed has one (a batch holds one
                    // per message).
                    for (var batch : batches(store.claimDue(now, until, free, busyInboxes()))) {
                        slots.acquire(batch.size());
                        inFlight.addAndGet(batch.size());
                        var inbox = batch.getFirst().inbox();
                        requests.computeIfAbsent(inbox, i -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet();
                        started += batch.size();
                        for (var due : batch) {
                            claims.put(due.id(), until);
                        }
                        workers.submit(() -> {
                            try {
                                var alone = batch.size() == 1 ? batch : deliverBatch(batch);
                                for (var due : alone) {
                                    if (deliver(due)) {
                                        claims.remove(due.id());
                                    }
                                }
                            } finally {
                                requests.get(inbox).decrementAndGet();
                                inFlight.addAndGet(-batch.size());
                                slots.release(batch.size());
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

    /**
     * Inboxes with {@code requests-per-inbox} requests in flight: their due messages wait in the outbox
     * (unclaimed) until one answers, and then go out together, so batches form by themselves when
     * messages come faster than a receiver answers, and a message to an idle inbox leaves at once. The
     * bound is soft: one claim may start more than one batch to an inbox.
     */
    private java.util.Set<URI> busyInboxes() {
        var busy = new java.util.HashSet<URI>();
        requests.forEach((inbox, count) -> {
            if (count.get() >= settings.requestsPerInbox()) {
                busy.add(inbox);
            }
        });
        return busy;
    }

    /**
     * The claimed messages grouped into batches: consecutive in the claim's order per inbox, at most
     * {@code batch} messages and {@code maxBytes} of body each, or less to a peer that refused more
     * ({@link BatchBounds}); a message too large to share a batch goes alone. Claims hold at most one
     * message per conversation and recipient, so no batch carries two of one conversation and order
     * within a conversation is kept.
     */
    List<List<JdbcMessageStore.Due>> batches(List<JdbcMessageStore.Due> claimed) {
        var open = new java.util.LinkedHashMap<URI, List<JdbcMessageStore.Due>>();
        var openBytes = new java.util.HashMap<URI, Long>();
        var batches = new ArrayList<List<JdbcMessageStore.Due>>();
        var now = clock.instant();
        for (var due : claimed) {
            long bytes = due.body().length() + BATCH_OVERHEAD;
            var current = open.get(due.inbox());
            if (current != null
                    && (current.size() >= bounds.messages(due.inbox(), now)
                            || openBytes.get(due.inbox()) + bytes > bounds.bytes(due.inbox(), now))) {
                batches.add(current);
                current = null;
            }
            if (current == null) {
                current = new ArrayList<>();
                open.put(due.inbox(), current);
                openBytes.put(due.inbox(), (long) BATCH_OVERHEAD);
            }
            current.add(due);
            openBytes.merge(due.inbox(), bytes, Long::sum);
        }
        batches.addAll(open.values());
        return batches;
    }

    /** JSON around a batch ({"messages":[]}) and around each message in it (quotes, comma). */
    private static final int BATCH_OVERHEAD = 16;

    /**
     * A compact JWE: base64url parts and dots, so it needs no escaping inside a JSON string. A loop, not
     * a regular expression: over every body of every batch the expression was 1 % of the JVM's samples.
     */
    static boolean compact(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-')) {
                return false;
            }
        }
        return !body.isEmpty();
    }

    /**
     * Posts several messages to one inbox in one request (docs/exchange.md, "Batches") and records each
     * one's answer as if it had been posted alone. An answer that gives no per-message results — a
     * receiver without batches (415), a batch too large (413) or of too many (422), any other status, a
     * body that does not read — leaves the messages to be posted at once, in this same attempt, alone
     * or in smaller batches ({@link #refusedAsAWhole}); no answer at all (unreachable, time-out) is a
     * failed attempt for each, retried after its backoff as alone.
     *
     * @return the messages still to be posted alone
     */
    private List<JdbcMessageStore.Due> deliverBatch(List<JdbcMessageStore.Due> batch) {
        return deliverBatch(batch, true);
    }

    /** @param mayResplit whether a batch refused as too large may be posted again in smaller batches */
    private List<JdbcMessageStore.Due> deliverBatch(List<JdbcMessageStore.Due> batch, boolean mayResplit) {
        var inbox = batch.getFirst().inbox();
        if (!Authority.acceptableInbox(inbox) || batch.stream().anyMatch(due -> !compact(due.body()))) {
            return batch;
        }
        var body = new StringBuilder("{\"messages\":[");
        for (var due : batch) {
            body.append(body.charAt(body.length() - 1) == '[' ? "\"" : ",\"")
                    .append(due.body())
                    .append('"');
        }
        body.append("]}");
        List<Object> results;
        Answer response;
        try {
            var request = HttpRequest.newBuilder(inbox)
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/comity-messages+json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.US_ASCII))
                    .build();
            response = read(http.send(request, HttpResponse.BodyHandlers.ofInputStream()), batch.size());
            results = response.statusCode() != 200
                    ? null
                    : com.nimbusds.jose.util.JSONObjectUtils.getJSONArray(
                            com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()), "results");
        } catch (AnswerTooLarge e) {
            // Each alone then, with its own bound; nothing of the answer was taken as a result.
            log.warn("{} answered a batch of {} with more than {} bytes", inbox, batch.size(), e.limit);
            return batch;
        } catch (IOException | IllegalArgumentException e) {
            // No answer (refused connection, time-out): each message's attempt failed, as alone; posting
            // them one by one now would wait as long again for each, past their claims.
            for (var due : batch) {
                retryLater(due, "unreachable");
                claims.remove(due.id());
            }
            return List.of();
        } catch (java.text.ParseException | RuntimeException e) {
            return batch;
        } catch (InterruptedException e) {
            // Stopping: the claims stay listed and are given back by stop().
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            // The peer is failing or busy, not refusing the batch's form: posting each message alone now
            // would send it the same load as many requests. Each attempt failed, retried after its backoff.
            for (var due : batch) {
                retryLater(due, "http-" + response.statusCode());
                claims.remove(due.id());
            }
            return List.of();
        }
        if (response.statusCode() != 200) {
            return refusedAsAWhole(batch, response.statusCode(), response.body(), body.length(), mayResplit);
        }
        if (results == null || results.size() != batch.size()) {
            return batch;
        }
        var alone = new ArrayList<JdbcMessageStore.Due>();
        var receipted = new ArrayList<JdbcMessageStore.Receipted>();
        for (int i = 0; i < batch.size(); i++) {
            var due = batch.get(i);
            if (!(results.get(i) instanceof java.util.Map<?, ?> result)
                    || !(result.get("status") instanceof Number status)) {
                alone.add(due);
                continue;
            }
            var receipt = result.get("receipt") instanceof String r ? r : "";
            if (status.intValue() == 200 && receiptHolds(due, receipt)) {
                receipted.add(new JdbcMessageStore.Receipted(due, receipt.strip()));
                continue;
            }
            var rule = ruleOf(result.get("errors"));
            if (answered(due, status.intValue(), receipt, rule)) {
                claims.remove(due.id());
            }
        }
        recordDelivered(receipted);
        return alone;
    }

    /**
     * The batch's verified receipts recorded in one statement and one commit, not one per message: at
     * 16 per batch that was half the sender's commits. If it fails (the database), each is retried as
     * an attempt failed on this side; the receiver answers the same bytes with the same receipt.
     */
    private void recordDelivered(List<JdbcMessageStore.Receipted> receipted) {
        if (receipted.isEmpty()) {
            return;
        }
        try {
            store.delivered(receipted, clock.instant());
        } catch (RuntimeException e) {
            log.error("Recording {} deliveries failed on this side", receipted.size(), e);
            for (var r : receipted) {
                retryLater(r.due(), "sender-error");
                claims.remove(r.due().id());
            }
            return;
        }
        for (var r : receipted) {
            claims.remove(r.due().id());
        }
    }

    /** Whether the receipt verifies for the message (one that does not is left to {@link #answered}, which audits it). */
    private boolean receiptHolds(JdbcMessageStore.Due due, String receipt) {
        try {
            exchange.verifyReceipt(receipt, due.messageId(), due.digest(), due.recipient());
            return true;
        } catch (TrustRefused refused) {
            return false;
        }
    }

    /**
     * A batch answered with something other than its results. What the peer's answer says of its bound
     * is remembered ({@link BatchBounds}): a peer without batches gets single messages from now on, one
     * that refused the batch's size or count gets batches within the bound it named. The refused batch
     * itself is posted again at once within the bound learnt, once (a part refused again goes message by
     * message), or else every message of it alone; nothing of a batch refused as a whole was received,
     * and a message received all the same is answered with its receipt again.
     *
     * @return the messages still to be posted alone
     */
    private List<JdbcMessageStore.Due> refusedAsAWhole(
            List<JdbcMessageStore.Due> batch, int status, String answer, long bytes, boolean mayResplit) {
        var inbox = batch.getFirst().inbox();
        java.util.Map<String, Object> problem;
        try {
            problem = com.nimbusds.jose.util.JSONObjectUtils.parse(answer);
        } catch (java.text.ParseException | RuntimeException e) {
            problem = null; // not a problem document: only the status is read
        }
        var learnt = bounds.refused(inbox, status, problem, batch.size(), bytes, clock.instant());
        if (learnt != BatchBounds.Learnt.NOTHING) {
            log.info(
                    "{} refused a batch of {} messages ({} bytes) with {}: {}",
                    inbox,
                    batch.size(),
                    bytes,
                    status,
                    learnt);
        }
        if (learnt != BatchBounds.Learnt.SMALLER || !mayResplit) {
            return batch;
        }
        var alone = new ArrayList<JdbcMessageStore.Due>();
        for (var part : batches(batch)) {
            alone.addAll(part.size() == 1 ? part : deliverBatch(part, false));
        }
        return alone;
    }

    /** The first error's rule of a per-message batch result, if it reads as a rule. */
    private static @Nullable String ruleOf(@Nullable Object errors) {
        if (errors instanceof List<?> list
                && !list.isEmpty()
                && list.getFirst() instanceof java.util.Map<?, ?> first
                && first.get("rule") instanceof String rule
                && RULE_CODE.matcher(rule).matches()) {
            return rule;
        }
        return null;
    }

    private static final Pattern RULE_CODE = Pattern.compile("[a-z][a-z0-9-]{0,60}");

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
            var response = read(http.send(request, HttpResponse.BodyHandlers.ofInputStream()), 1);
            String rule = null;
            if (response.statusCode() == 422) {
                var matcher = RULE.matcher(response.body());
                rule = matcher.find() ? matcher.group(1) : null;
            }
            return answered(due, response.statusCode(), response.body(), rule);
        } catch (AnswerTooLarge e) {
            error = "answer-too-large";
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
        retryLater(due, error);
        return true;
    }

    /**
     * Records the receiver's answer to one message: a receipt that verifies makes it delivered, a
     * refusal (422 naming its step, 413) fails it, anything else is retried later.
     *
     * @param body the receipt when the status is 200
     * @param rule the receiver's refusing step (its first error's rule), if it named one
     * @return true: the outcome is recorded
     */
    private boolean answered(JdbcMessageStore.Due due, int status, String body, @Nullable String rule) {
        String error;
        try {
            if (status == 200) {
                try {
                    exchange.verifyReceipt(body, due.messageId(), due.digest(), due.recipient());
                    store.delivered(due, body.strip(), clock.instant());
                    return true;
                } catch (TrustRefused refused) {
                    log.warn("Receipt for message {} refused ({})", due.messageId(), refused.step());
                    exchange.auditDelivery("receipt-verify", refused.step(), due.messageId());
                    error = "bad-receipt";
                }
            } else if (status == 422 || status == 413) {
                var step = status == 413 ? "too-large" : rule != null ? rule : "refused";
                log.warn("Message {} refused by {} at step {}", due.messageId(), due.recipient(), step);
                // Audited first, so whoever sees it failed finds the audit row too.
                exchange.auditDelivery("message-delivery", step, due.messageId());
                store.failed(due, step, step, clock.instant());
                return true;
            } else {
                error = "http-" + status;
            }
        } catch (RuntimeException e) {
            // A fault on this side (the database, a bug): retried like an unreachable receiver.
            log.error("Recording the delivery of message {} failed on this side", due.messageId(), e);
            error = "sender-error";
        }
        retryLater(due, error);
        return true;
    }

    /**
     * The most of a peer's answer read per message posted: a receipt or a problem document is a few KB. A
     * peer — or anything between — cannot make this node hold an unbounded body in memory.
     */
    static final int ANSWER_BYTES_PER_MESSAGE = 64 * 1024;

    /** An answer longer than this node reads: the connection is closed unread past the bound. */
    static final class AnswerTooLarge extends IOException {
        final int limit;

        AnswerTooLarge(int limit) {
            super("answer over " + limit + " bytes");
            this.limit = limit;
        }
    }

    /** The answer's body as text, read up to the bound for {@code messages} messages. */
    private static Answer read(HttpResponse<java.io.InputStream> response, int messages) throws IOException {
        int limit = ANSWER_BYTES_PER_MESSAGE * messages;
        byte[] bytes;
        try (var in = response.body()) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new AnswerTooLarge(limit);
        }
        return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** A peer's answer: its status and its body, read within the bound. */
    private record Answer(int statusCode, String body) {}

    /** A failed attempt: the next one after the backoff, or failed for good if that would be too late. */
    private void retryLater(JdbcMessageStore.Due due, String error) {
        Instant now = clock.instant();
        var next = now.plus(backoff(due.attempts() + 1));
        if (!next.isBefore(due.giveUpAt()) || !next.isBefore(due.expires())) {
            log.warn("Gave up delivering message {} to {} ({})", due.messageId(), due.recipient(), error);
            exchange.auditDelivery("message-delivery", "gave-up", due.messageId());
            store.failed(due, error, "gave-up", now);
        } else {
            store.attemptFailed(due, error, now, next);
        }
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
