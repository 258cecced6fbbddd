package org.comity.exchange;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.comity.exchange.domain.Entries;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.KeyRing;
import org.comity.exchange.persistence.JdbcTrustStore;
import org.comity.exchange.persistence.KeyFiles;
import org.comity.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as an authority: its identity, its signing and encryption keys (generated at first start,
 * owner-only files, rotatable) and its self-signed authority card.
 */
public class LocalAuthority {

    private static final Logger log = LoggerFactory.getLogger(LocalAuthority.class);

    /** A served card is re-signed this often, so it never lags a rotation or nears its expiry. */
    private static final Duration CARD_REFRESH = Duration.ofHours(1);

    private final @Nullable Authority identity;
    private final KeyFiles files;
    private final JdbcTrustStore store;
    private final Clock clock;
    private final Duration keyValidity;
    private final Duration cardValidity;
    private final List<ECKey> supervisorKeys;
    private List<ECKey> registeredSupervisorKeys = List.of();
    private KeyRing ring;
    private @Nullable String card;
    private Instant cardSignedAt = Instant.MIN;

    LocalAuthority(
            @Nullable Authority identity,
            KeyFiles files,
            JdbcTrustStore store,
            Clock clock,
            Duration keyValidity,
            Duration cardValidity,
            List<ECKey> supervisorKeys) {
        this.supervisorKeys = List.copyOf(supervisorKeys);
        this.identity = identity;
        this.files = files;
        this.store = store;
        this.clock = clock;
        this.keyValidity = keyValidity;
        this.cardValidity = cardValidity;
        this.ring = new KeyRing(files.load());
        ensureCurrentKeys("system", "start");
    }

    /** Who this node is, if configured with a State (a sandbox without {@code comity.node.country} is not). */
    public Optional<Authority> identity() {
        return Optional.ofNullable(identity);
    }

    /** The compact JWS card, re-signed at most every hour; 404 until the identity is configured. */
    public synchronized String card() {
        if (identity == null) {
            throw new NotFound("authority identity: set comity.exchange.authority.state or comity.node.country");
        }
        Instant now = clock.instant();
        if (card == null || !now.isBefore(cardSignedAt.plus(CARD_REFRESH)) || now.isBefore(cardSignedAt)) {
            ensureCurrentKeys("system", "start");
            var coSigners = new java.util.ArrayList<>(supervisorKeys);
            coSigners.addAll(registeredSupervisorKeys);
            card = ring.card(identity, now, cardValidity, coSigners);
            cardSignedAt = now;
        }
        return card;
    }

    /** Every key the node holds, newest last, with which ones are in use. */
    public synchronized List<OwnKey> keys() {
        Instant now = clock.instant();
        var signing = ring.current(KeyPurpose.SIGNING, now);
        var encryption = ring.current(KeyPurpose.ENCRYPTION, now);
        return ring.keys().stream()
                .map(k -> {
                    var purpose = Entries.purpose(k).orElseThrow();
                    var current = (purpose == KeyPurpose.SIGNING ? signing : encryption)
                            .map(c -> c.getKeyID().equals(k.getKeyID()))
                            .orElse(false);
                    return new OwnKey(
                            k.getKeyID(),
                            purpose,
                            Views.validity(k),
                            current,
                            Fingerprint.of(k).grouped());
                })
                .toList();
    }

    /**
     * A new signing key and a new encryption key, in use at once. The old ones stay published until
     * they expire, so peers still verify what they signed and can still decrypt nothing new with them.
     */
    public List<OwnKey> rotate(String actor) {
        return rotate(actor, "api");
    }

    /** As {@link #rotate(String)}, audited with the channel it came through ({@code api}, {@code console}). */
    public synchronized List<OwnKey> rotate(String actor, String channel) {
        Instant now = clock.instant();
        var signing = KeyRing.generate(KeyPurpose.SIGNING, now, keyValidity);
        var encryption = KeyRing.generate(KeyPurpose.ENCRYPTION, now, keyValidity);
        files.store(signing);
        files.store(encryption);
        ring = new KeyRing(files.load());
        card = null;
        store.audit(now, actor, channel, "key-rotation", "accepted", signing.getKeyID() + " " + encryption.getKeyID());
        log.info("Rotated the exchange keys: signing {}, encryption {}", signing.getKeyID(), encryption.getKeyID());
        return keys();
    }

    /** Supervisors' keys registered through {@link CoSignatures}, published on the card beside the configured ones. */
    synchronized void registeredSupervisorKeys(List<ECKey> keys) {
        registeredSupervisorKeys = List.copyOf(keys);
        card = null;
    }

    /** The signing key in use now (private), for messages and receipts. */
    synchronized ECKey signingKey() {
        ensureCurrentKeys("system", "start");
        return ring.current(KeyPurpose.SIGNING, clock.instant()).orElseThrow();
    }

    /** One of this node's encryption keys not yet expired (private), or null: what a peer may encrypt to. */
    synchronized @Nullable ECKey decryptionKey(String keyId) {
        Instant now = clock.instant();
        return ring.keys().stream()
                .filter(k -> k.getKeyID().equals(keyId)
                        && Entries.purpose(k).orElseThrow() == KeyPurpose.ENCRYPTION
                        && now.isBefore(k.getExpirationTime().toInstant()))
                .findFirst()
                .orElse(null);
    }

    /** At first start, and whenever every key of a purpose has expired, a new one is generated. */
    private void ensureCurrentKeys(String actor, String channel) {
        Instant now = clock.instant();
        boolean generated = false;
        for (KeyPurpose purpose : KeyPurpose.values()) {
            if (ring.current(purpose, now).isEmpty()) {
                var key = KeyRing.generate(purpose, now, keyValidity);
                files.store(key);
                store.audit(now, actor, channel, "key-generation", "accepted", key.getKeyID());
                log.info("Generated an exchange {} key {} in {}", purpose.use(), key.getKeyID(), files.directory());
                generated = true;
            }
        }
        if (generated) {
            ring = new KeyRing(files.load());
        }
    }
}
