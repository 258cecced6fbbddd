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
 */
@ConfigurationProperties("comity.exchange")
public record ExchangeProperties(
        @DefaultValue Identity authority,
        @Nullable Path keyDirectory,
        @DefaultValue("365d") Duration keyValidity,
        @DefaultValue("30d") Duration cardValidity,
        @DefaultValue Directory directory) {

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
}
