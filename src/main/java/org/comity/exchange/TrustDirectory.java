package org.comity.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.exchange.domain.CardVerifier;
import org.comity.exchange.domain.DirectoryVerifier;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.PinnedCard;
import org.comity.exchange.domain.TrustView;
import org.comity.exchange.domain.VerifiedDirectory;
import org.comity.exchange.persistence.JdbcTrustStore;
import org.comity.shared.CountryCode;
import org.comity.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node trusts about other authorities: a directory signed by a configured operator key and
 * cards an administrator pinned. Both are kept as the signed documents and verified again at every
 * start; the keys in use live in memory, built from verified documents only. A document that fails
 * any step changes nothing and is audited with the step that refused it.
 */
public class TrustDirectory {

    private static final Logger log = LoggerFactory.getLogger(TrustDirectory.class);

    private final JdbcTrustStore store;
    private final DirectoryVerifier verifier;
    private final Clock clock;
    private volatile TrustView view = TrustView.empty();
    /** The step that refused the stored directory at the last reload; null when it verified or none is stored. */
    private volatile @org.jspecify.annotations.Nullable String storedRefusal;

    TrustDirectory(JdbcTrustStore store, DirectoryVerifier verifier, Clock clock) {
        this.store = store;
        this.verifier = verifier;
        this.clock = clock;
        reload();
    }

    /**
     * The key that may verify a signature {@code keyId} of {@code authority} made at {@code at}.
     *
     * @throws TrustRefused for an unknown authority or key, a revoked key (whatever {@code at}), a key
     *     not valid at {@code at}, an encryption key, or a directory that has expired
     */
    public TrustedKey verifierFor(AuthorityId authority, String keyId, Instant at) {
        return view.verifierFor(authority, keyId, at, clock.instant());
    }

    /** Where and how to send to {@code authority}: its verified inbox and current encryption key. */
    TrustView.Recipient recipientFor(AuthorityId authority) {
        return view.recipientFor(authority, clock.instant());
    }

    /**
     * The authority to send a State's requests to: the trusted one for {@code state} with a current
     * encryption key, a central authority before any other role, then by id (so the choice is stable).
     * Empty when no verified directory or pin names one: such requests go on paper.
     */
    public Optional<AuthorityId> recipientIn(CountryCode state) {
        var now = clock.instant();
        return view.authorities(now).stream()
                .filter(a -> a.state().equals(state))
                .filter(a -> {
                    try {
                        view.recipientFor(a.id(), now);
                        return true;
                    } catch (TrustRefused refused) {
                        return false;
                    }
                })
                .sorted(java.util.Comparator.comparing((Authority a) -> a.role() != AuthorityRole.CENTRAL_AUTHORITY)
                        .thenComparing(a -> a.id().value()))
                .map(Authority::id)
                .findFirst();
    }

    /** The verified identity of {@code authority} (its State above all), if a current directory or pin names it. */
    public Optional<Authority> authority(AuthorityId authority) {
        return view.authorities(clock.instant()).stream()
                .filter(a -> a.id().equals(authority))
                .findFirst();
    }

    /**
     * Verifies a signed directory and, if every step passes, makes it the one in use.
     *
     * @param source {@code upload} or {@code configured-location}
     * @throws TrustRefused naming the step that refused it; nothing changed then
     */
    public synchronized DirectoryView load(String document, String source, String actor, String channel) {
        Instant now = clock.instant();
        long after = store.latestDirectory()
                .map(JdbcTrustStore.StoredDirectory::sequence)
                .orElse(0L);
        VerifiedDirectory verified;
        try {
            verified = verifier.verify(document, now, after);
        } catch (TrustRefused refused) {
            store.audit(now, actor, channel, "directory-load", refused.step(), null);
            throw refused;
        }
        store.storeDirectory(verified, source, now, actor, channel);
        view = view.withDirectory(verified);
        storedRefusal = null;
        log.info(
                "Loaded trust directory sequence {} from {} ({} authorities, expires {})",
                verified.sequence(),
                source,
                verified.entries().size(),
                verified.expiresAt());
        return directoryView(verified);
    }

    /** The sequence of the directory stored last, verified or not now (0: none). */
    long storedSequence() {
        return store.latestDirectory()
                .map(JdbcTrustStore.StoredDirectory::sequence)
                .orElse(0L);
    }

    Optional<String> storedDocument() {
        return store.latestDirectory().map(JdbcTrustStore.StoredDirectory::document);
    }

    public Optional<DirectoryView> directory() {
        return view.directory().map(this::directoryView);
    }

    /**
     * Pins a peer's card after the administrator confirmed its fingerprint with the peer out of band.
     *
     * @throws TrustRefused naming the step that refused the card; nothing is pinned then
     */
    public PinView pin(String card, String fingerprint, String actor) {
        return pin(card, fingerprint, actor, "api");
    }

    /** As {@link #pin(String, String, String)}, audited with its channel ({@code api}, {@code console}). */
    public synchronized PinView pin(String card, String fingerprint, String actor, String channel) {
        Instant now = clock.instant();
        try {
            var verified = CardVerifier.verify(card, Fingerprint.parse("fingerprint", fingerprint), now);
            long id = store.storePin(verified, now, actor, channel);
            reload();
            return pins().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        } catch (TrustRefused refused) {
            store.audit(now, actor, channel, "pin", refused.step(), null);
            throw refused;
        }
    }

    public void unpin(long id, String actor) {
        unpin(id, actor, "api");
    }

    public synchronized void unpin(long id, String actor, String channel) {
        if (!store.removePin(id, clock.instant(), actor, channel)) {
            throw new NotFound("pin " + id);
        }
        reload();
    }

    public List<PinView> pins() {
        var stored = store.activePins();
        var pins = new ArrayList<PinView>();
        for (PinnedCard pin : view.pins()) {
            stored.stream()
                    .filter(s -> s.id() == pin.pinId())
                    .findFirst()
                    .ifPresent(s -> pins.add(new PinView(
                            pin.pinId(),
                            Views.of(pin.card().entry()),
                            pin.card().fingerprint().grouped(),
                            pin.card().expiresAt(),
                            s.pinnedAt(),
                            s.pinnedBy())));
        }
        return pins;
    }

    /** The directory operator keys this node is configured with (only they can make a directory trusted). */
    public List<OperatorKey> operatorKeys() {
        return verifier.operatorKeys().stream()
                .map(k -> new OperatorKey(k.getKeyID(), Fingerprint.of(k).grouped()))
                .sorted(java.util.Comparator.comparing(OperatorKey::keyId))
                .toList();
    }

    /** The directory stored last, the one in use, and why a directory is not in use or was refused. */
    public DirectoryStatus directoryStatus() {
        var stored = store.latestDirectory()
                .map(d -> new DirectoryStatus.Stored(d.sequence(), d.loadedAt(), d.loadedBy(), d.source()))
                .orElse(null);
        return new DirectoryStatus(
                stored,
                directory().orElse(null),
                stored == null ? null : storedRefusal,
                store.latestRefused("directory-load")
                        .map(r -> new ExchangeAuditEntry(
                                r.at(), r.actor(), r.channel(), r.action(), r.outcome(), r.subject()))
                        .orElse(null));
    }

    /**
     * Every authority a verified source names, the directory's first (also after it expired: its keys
     * are then shown expired with it) and then each pin, with each key's standing now. A key revoked by
     * any source shows revoked wherever it is listed.
     */
    public List<PeerAuthority> peers() {
        var now = clock.instant();
        var current = view;
        var peers = new ArrayList<PeerAuthority>();
        current.directory()
                .ifPresent(d -> d.entries()
                        .forEach(e ->
                                peers.add(peer(e, TrustedKey.Source.DIRECTORY, null, current, now, d.expiresAt()))));
        for (PinnedCard pin : current.pins()) {
            peers.add(peer(pin.card().entry(), TrustedKey.Source.PIN, pin.pinId(), current, now, null));
        }
        return peers;
    }

    private static PeerAuthority peer(
            org.comity.exchange.domain.DirectoryEntry entry,
            TrustedKey.Source source,
            @org.jspecify.annotations.Nullable Long pinId,
            TrustView trust,
            Instant now,
            @org.jspecify.annotations.Nullable Instant sourceExpires) {
        var keys = entry.keys().stream()
                .map(k -> {
                    var validity = Views.validity(k);
                    var revokedAt = trust.revocation(k.getKeyID());
                    var standing = PeerAuthority.Standing.of(validity, revokedAt, now);
                    // An expired directory vouches for none of its keys (its revocations still count).
                    if (standing == PeerAuthority.Standing.VALID
                            && sourceExpires != null
                            && !now.isBefore(sourceExpires)) {
                        standing = PeerAuthority.Standing.EXPIRED;
                    }
                    return new PeerAuthority.PeerKey(
                            k.getKeyID(),
                            org.comity.exchange.domain.Entries.purpose(k).orElseThrow(),
                            validity,
                            Fingerprint.of(k).grouped(),
                            org.comity.exchange.domain.Entries.coSigner(k),
                            revokedAt,
                            standing);
                })
                .toList();
        return new PeerAuthority(Views.of(entry), source, pinId, keys);
    }

    /** Refusals at this node's inbox and failed deliveries from its outbox, newest first (at most 1000). */
    /**
     * What the inbox refused ({@code inbox}) or the outbox could not deliver ({@code outbox}), newest
     * first, {@code limit} (at most 1000) from {@code offset}.
     */
    public List<MessageProblem> messageProblems(String channel, int limit, int offset) {
        if (!"inbox".equals(channel) && !"outbox".equals(channel)) {
            throw new IllegalArgumentException("channel: inbox or outbox");
        }
        return store.messageProblems(channel, Math.max(1, Math.min(limit, 1000)), Math.max(0, offset)).stream()
                .map(r -> new MessageProblem(
                        r.at(),
                        r.channel(),
                        r.action(),
                        r.outcome(),
                        r.subject(),
                        r.conversation(),
                        r.recipient(),
                        r.type()))
                .toList();
    }

    public List<ExchangeAuditEntry> audit(int limit) {
        return store.audit(Math.max(1, Math.min(limit, 1000))).stream()
                .map(r -> new ExchangeAuditEntry(r.at(), r.actor(), r.channel(), r.action(), r.outcome(), r.subject()))
                .toList();
    }

    /**
     * Verifies the stored documents again, as of when they were accepted: a directory whose operator
     * key is no longer configured, or a row changed in the database, is trusted no more.
     */
    final synchronized void reload() {
        VerifiedDirectory directory = null;
        String refusal = null;
        var stored = store.latestDirectory();
        if (stored.isPresent()) {
            try {
                directory =
                        verifier.verify(stored.get().document(), stored.get().loadedAt(), 0);
            } catch (TrustRefused refused) {
                refusal = refused.step();
                log.warn(
                        "The stored trust directory (sequence {}) no longer verifies ({}: {}); no directory is in use",
                        stored.get().sequence(),
                        refused.step(),
                        refused.getMessage());
            }
        }
        var pins = new ArrayList<PinnedCard>();
        for (var pin : store.activePins()) {
            try {
                pins.add(new PinnedCard(
                        pin.id(), CardVerifier.verify(pin.document(), pin.fingerprint(), pin.pinnedAt())));
            } catch (TrustRefused refused) {
                log.warn("Pin {} no longer verifies ({}); it is not used", pin.id(), refused.step());
            }
        }
        view = new TrustView(directory, pins);
        storedRefusal = refusal;
    }

    private DirectoryView directoryView(VerifiedDirectory d) {
        return new DirectoryView(
                d.operator(),
                d.operatorKeyId(),
                d.sequence(),
                d.issuedAt(),
                d.expiresAt(),
                clock.instant().isBefore(d.expiresAt()),
                d.entries().stream().map(Views::of).toList());
    }
}
