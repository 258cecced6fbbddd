package org.comity.exchange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the exchange, under {@code comity.exchange.*} (README, docs/exchange.md).
 *
 * @param authority who this node is to other nodes
 * @param keyDirectory where the node's exchange keys are kept; empty means {@code <data-dir>/keys}
 * @param keyValidity how long a generated signing or encryption key is valid
 * @param cardValidity how long a signed authority card is valid (never beyond its signing key)
 * @param directory the signed directory and the operator keys it must be signed with
 * @param supervisorKeys public P-256 JWKs (JSON) of the supervisors who co-sign this node's emergency
 *     requests; published on the card with {@code key_ops: ["verify"]}; the node holds no private part
 * @param messages message size, validity and delivery (retry) settings
 */
@ConfigurationProperties("comity.exchange")
public record ExchangeProperties(
        @DefaultValue Identity authority,
        @Nullable Path keyDirectory,
        @DefaultValue("365d") Duration keyValidity,
        @DefaultValue("30d") Duration cardValidity,
        @DefaultValue Directory directory,
        @DefaultValue List<String> supervisorKeys,
        @DefaultValue Messages messages) {

    public ExchangeProperties {
        if (keyValidity.compareTo(Duration.ofDays(1)) < 0 || keyValidity.compareTo(Duration.ofDays(3660)) > 0) {
            throw new IllegalArgumentException("comity.exchange.key-validity must be 1 day to 10 years");
        }
        if (cardValidity.compareTo(Duration.ofMinutes(1)) < 0 || cardValidity.compareTo(keyValidity) > 0) {
            throw new IllegalArgumentException(
                    "comity.exchange.card-validity must be at least a minute and at most the key validity");
        }
    }

    /**
     * @param id the authority id; empty: {@code <state>-<role>} in lower case, e.g. {@code xa-central-authority}
     * @param state ISO code of the State; empty: {@code comity.node.country}
     * @param name the authority's name; empty: {@code comity.node.authority}
     * @param role one of the role codes (central-authority, 24-7-point-of-contact, …)
     * @param inbox where peers will deliver messages: https, or http on loopback only
     */
    public record Identity(
            @Nullable String id,
            @Nullable String state,
            @Nullable String name,
            @DefaultValue("central-authority") String role,

            @DefaultValue("http://127.0.0.1:8080/api/exchange/inbox")
            String inbox) {}

    /**
     * @param trustedKeys directory operator verifier keys, each a public P-256 JWK as JSON
     * @param trustedKeysFile a JWK set file ({@code {"keys": [...]}}) with more operator keys
     * @param location a signed directory to load at start: a file path, {@code file:} or {@code https:} URL
     */
    public record Directory(
            @DefaultValue List<String> trustedKeys,
            @Nullable Path trustedKeysFile,
            @Nullable String location) {}

    /**
     * @param maxBytes the largest message the inbox reads (counted before parsing)
     * @param validity how long a sent message may be accepted, unless the sender sets its expiry
     * @param delivery how the dispatcher delivers and retries
     */
    public record Messages(
            @DefaultValue("1048576") int maxBytes,
            @DefaultValue("7d") Duration validity,
            @DefaultValue Delivery delivery) {

        public Messages {
            if (maxBytes < 4096 || maxBytes > 4 * 1024 * 1024) {
                throw new IllegalArgumentException("comity.exchange.messages.max-bytes must be 4 KiB to 4 MiB");
            }
            if (validity.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("comity.exchange.messages.validity must be at least a minute");
            }
        }
    }

    /**
     * @param initialBackoff the wait after the first failed attempt; doubled after each, with jitter
     * @param maxBackoff the longest wait between two attempts
     * @param giveUpAfter how long after sending (or a manual retry) a delivery failure is recorded
     * @param pollInterval how often the dispatcher looks for due messages without being woken
     * @param concurrency how many deliveries run at once (one at a time per conversation and recipient)
     * @param connectTimeout the time to connect to a peer's inbox
     * @param requestTimeout the time for a peer to answer with its receipt
     * @param batch how many due messages to one inbox travel in one HTTP request at most (each still
     *     sealed, verified and receipted on its own; docs/exchange.md, "Batches"); 1: one per request
     * @param requestsPerInbox how many requests to one inbox may be in flight; further due messages to
     *     it wait until one is answered, and then travel together
     * @param sslBundle a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) for HTTPS to peers; empty:
     *     the JDK's trust store
     */
    /** The most messages one batch may carry; a receiver refuses a larger batch as a whole. */
    public static final int MAX_BATCH = 64;

    public record Delivery(
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("24h") Duration giveUpAfter,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("16") int concurrency,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("16") int batch,
            @DefaultValue("2") int requestsPerInbox,
            @Nullable String sslBundle) {

        public Delivery {
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "comity.exchange.messages.delivery: initial-backoff above zero, max-backoff at least as long");
            }
            if (giveUpAfter.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "comity.exchange.messages.delivery.give-up-after must be at least the initial backoff");
            }
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("comity.exchange.messages.delivery.concurrency must be 1 to 256");
            }
            if (requestsPerInbox < 1 || requestsPerInbox > 256) {
                throw new IllegalArgumentException(
                        "comity.exchange.messages.delivery.requests-per-inbox must be 1 to 256");
            }
            if (batch < 1 || batch > MAX_BATCH) {
                throw new IllegalArgumentException("comity.exchange.messages.delivery.batch must be 1 to " + MAX_BATCH);
            }
        }
    }
}
