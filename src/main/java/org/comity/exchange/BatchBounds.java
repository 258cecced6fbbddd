package org.comity.exchange;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What each peer's inbox takes in one batch request, learnt from its refusals (docs/exchange.md,
 * "Batches"): a peer that does not know batches (415, or 404/405) is sent single messages; one that refuses a batch
 * as too large (413) or as too many (422 on {@code messages}) is sent batches within the bound it named,
 * or within half of what it refused when it named none. Until it has refused, a peer is assumed to bound
 * its inbox as this node bounds its own. What was learnt is forgotten after {@link #REMEMBERED}, so a
 * peer that upgraded or raised its bound is given full batches again; it costs one refused request per
 * peer and period. Kept in memory per dispatcher: after a restart it is learnt again from one refusal.
 */
final class BatchBounds {

    /** How long a refusal is remembered before a full batch is tried again. */
    static final Duration REMEMBERED = Duration.ofHours(1);

    /** What a batch's refusal taught, if anything. */
    enum Learnt {
        /** The answer was not a refusal of the batch's form or size (a 500, a 503, …): nothing learnt. */
        NOTHING,
        /** The peer does not take batches: single messages until the refusal is forgotten. */
        NO_BATCHES,
        /** The peer takes smaller batches (fewer messages or fewer bytes). */
        SMALLER
    }

    /** A peer's inbox's bound: at most {@code messages} per request (1: no batches), {@code bytes} of body. */
    record Bound(int messages, long bytes, Instant until) {}

    private final int messages;
    private final long bytes;
    private final Map<URI, Bound> learnt = new ConcurrentHashMap<>();

    /**
     * @param messages this node's own {@code batch} setting, the most a batch carries to any peer
     * @param bytes this node's own inbox bound, assumed of a peer until it refuses
     */
    BatchBounds(int messages, long bytes) {
        this.messages = messages;
        this.bytes = bytes;
    }

    /** At most this many messages in one request to {@code inbox} (1: single messages only). */
    int messages(URI inbox, Instant now) {
        var bound = current(inbox, now);
        return bound == null ? messages : Math.min(messages, bound.messages());
    }

    /** At most this many bytes of batch body to {@code inbox}. */
    long bytes(URI inbox, Instant now) {
        var bound = current(inbox, now);
        return bound == null ? bytes : Math.min(bytes, bound.bytes());
    }

    /** What is known of {@code inbox} now, if anything (for the docs' and tests' view of it). */
    @Nullable
    Bound current(URI inbox, Instant now) {
        var bound = learnt.get(inbox);
        if (bound != null && !now.isBefore(bound.until())) {
            learnt.remove(inbox, bound);
            return null;
        }
        return bound;
    }

    /**
     * Learns from a batch refused as a whole.
     *
     * @param status the HTTP status of the answer to the batch
     * @param problem the answer's body read as JSON (a problem), or null if it did not read
     * @param sent how many messages the refused batch carried
     * @param sentBytes how many bytes of body it had
     */
    Learnt refused(
            URI inbox, int status, @Nullable Map<String, Object> problem, int sent, long sentBytes, Instant now) {
        var until = now.plus(REMEMBERED);
        var before = current(inbox, now);
        int knownMessages = before == null ? messages : before.messages();
        long knownBytes = before == null ? bytes : before.bytes();
        // 415 is the answer docs/exchange.md names; a peer whose inbox has no batch route may as well
        // answer 404 or 405. A 400 teaches nothing: it may be about this one batch.
        if (status == 415 || status == 404 || status == 405) {
            learnt.put(inbox, new Bound(1, knownBytes, until));
            return Learnt.NO_BATCHES;
        }
        if (status == 413) {
            long named = number(problem, "maxBytes");
            long bound = named > 0 && named < sentBytes ? named : sentBytes / 2;
            learnt.put(inbox, new Bound(knownMessages, Math.min(knownBytes, bound), until));
            return Learnt.SMALLER;
        }
        if (status == 422 && "messages".equals(firstErrorField(problem)) && sent > 1) {
            long named = number(problem, "maxMessages");
            int bound = named >= 1 && named < sent ? (int) named : Math.max(1, sent / 2);
            learnt.put(inbox, new Bound(Math.min(knownMessages, bound), knownBytes, until));
            return bound == 1 ? Learnt.NO_BATCHES : Learnt.SMALLER;
        }
        return Learnt.NOTHING;
    }

    private static long number(@Nullable Map<String, Object> problem, String member) {
        return problem != null && problem.get(member) instanceof Number n ? n.longValue() : -1;
    }

    private static @Nullable String firstErrorField(@Nullable Map<String, Object> problem) {
        if (problem != null
                && problem.get("errors") instanceof List<?> errors
                && !errors.isEmpty()
                && errors.getFirst() instanceof Map<?, ?> first
                && first.get("field") instanceof String field) {
            return field;
        }
        return null;
    }
}
