package org.comity.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.comity.casework.Casework;
import org.comity.casework.RequestConditions;
import org.comity.evidence.domain.Act;
import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.domain.CustodyChain;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.EvidencePackage;
import org.comity.evidence.domain.Item;
import org.comity.evidence.domain.ItemContent;
import org.comity.evidence.domain.ItemKeys;
import org.comity.evidence.domain.KeySource;
import org.comity.evidence.domain.MediaType;
import org.comity.evidence.domain.Origin;
import org.comity.evidence.domain.Retention;
import org.comity.evidence.domain.RetentionPolicy;
import org.comity.evidence.domain.SigningKey;
import org.comity.evidence.domain.Source;
import org.comity.evidence.domain.Vault;
import org.comity.evidence.persistence.JdbcEvidence;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence packages of requests: creating them, streaming items in and out, sealing, retention,
 * holds and deletion, each act recorded in the package's custody chain in the transaction of the
 * change. A package is visible exactly when its request is (casework's rule, through {@link
 * Casework#get}); to anyone else it does not exist.
 */
@Component
public class Evidence {

    private final JdbcEvidence store;
    private final Casework casework;
    private final RequestConditions conditions;
    private final Vault vault;
    private final KeySource keySource;
    private final SigningKey signingKey;
    private final EvidenceProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    /** Hashes of uploads under way, so a part only hashes its own bytes; rebuilt from storage if lost. */
    private final Map<UUID, MessageDigest> digests = new ConcurrentHashMap<>();
    /** One request at a time writes an item's next part; tus clients do not send two at once. */
    private final Map<UUID, ReentrantLock> uploading = new ConcurrentHashMap<>();

    Evidence(
            JdbcEvidence store,
            Casework casework,
            RequestConditions conditions,
            BlobStore blobs,
            KeySource keySource,
            SigningKey signingKey,
            EvidenceProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.casework = casework;
        this.conditions = conditions;
        this.vault = new Vault(blobs);
        this.keySource = keySource;
        this.signingKey = signingKey;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * AES-GCM is warmed up, when asked ({@code comity.evidence.warm-up-cipher}), once the node serves
     * pages, not while it starts: the warm-up is some 3.6 s of CPU, and begun in the constructor it ran
     * beside the rest of the start on a 2-core machine and delayed the first page (issue 18). Run by
     * default it also ran under every measurement taken in a node's first seconds (the log's appends
     * among them). Without it the JIT compiles the cipher during the first upload's first megabytes.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUpCipherOnceServing() {
        if (properties.warmUpCipher()) {
            Thread.ofPlatform().daemon().name("evidence-aes-warm-up").start(ItemKeys::warmUp);
        }
    }

    /** A new open package for a request the user may see. */
    public PackageView create(UUID requestId, @Nullable Instant retainUntil, String username) {
        casework.get(requestId);
        return createFor(requestId, retainUntil, username);
    }

    /** A new open package for a request, for the node itself (a transfer arriving): no user to check. */
    PackageView createFor(UUID requestId, @Nullable Instant retainUntil, String username) {
        var now = clock.instant();
        var limits = conditions.of(requestId);
        var decided = retainUntil != null
                ? new RetentionPolicy.Decision(retainUntil, "given")
                : properties
                        .retentionPolicy()
                        .decide(
                                now,
                                new RetentionPolicy.Conditions(
                                        limits.speciality(), limits.onwardTransferNeedsConsent()));
        var until = decided.retainUntil();
        if (!until.isAfter(now)) {
            throw InvalidInput.of("retainUntil", "future", "a retention date in the future");
        }
        var created = EvidencePackage.Open.create(requestId, now, username, new Retention(until, false));
        return transaction.execute(status -> {
            store.insert(created);
            record(created.id(), username, Act.CREATED, null, "request=" + requestId + ",retention=" + decided.rule());
            return PackageView.of(created, List.of());
        });
    }

    public List<PackageView> ofRequest(UUID requestId) {
        casework.get(requestId);
        return store.ofRequest(requestId).stream()
                .map(p -> PackageView.of(p, store.items(p.id())))
                .toList();
    }

    public PackageView get(UUID packageId) {
        var p = visible(packageId);
        return PackageView.of(p, store.items(p.id()));
    }

    /** Announces an item of an open package; its bytes follow by {@link #append}. */
    public ItemView announce(UUID packageId, ItemAnnouncement a, String username) {
        open(visible(packageId));
        return announceIn(packageId, a, username);
    }

    ItemView announceIn(UUID packageId, ItemAnnouncement a, String username) {
        var now = clock.instant();
        if (a.sourceKind() == null) {
            throw InvalidInput.of("origin.sourceKind", "required", "the source is a provider or an examiner");
        }
        if (a.collectedAt() == null) {
            throw InvalidInput.of("origin.collectedAt", "required", "when the item was collected");
        }
        if (a.collectedAt().isAfter(now)) {
            throw InvalidInput.of("origin.collectedAt", "past", "an item is collected before it is added");
        }
        var origin = new Origin(a.orderReference(), Source.of(a.sourceKind(), a.sourceName()), a.collectedAt());
        var mediaType = a.mediaType() == null ? MediaType.OCTET_STREAM : new MediaType(a.mediaType());
        return transaction.execute(status -> {
            var p = open(store.lock(packageId).orElseThrow(() -> new NotFound("evidence package")));
            var item = Item.announce(
                    p.id(), a.fileName(), mediaType, origin, a.sizeBytes(), properties.maxItemBytes(), now, username);
            p.accepts(item);
            var keys = ItemKeys.generate(item.id(), keySource);
            store.insert(item, keySource.id(), keys.wrapped());
            record(p.id(), username, Act.ITEM_ANNOUNCED, item.id(), "size=" + item.sizeBytes());
            return ItemView.of(item);
        });
    }

    public ItemView item(UUID itemId) {
        var item = store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
        visible(item.packageId());
        return ItemView.of(item);
    }

    /**
     * Stores the next part of an item's bytes, which must start at the item's offset. The part is
     * hashed and encrypted as it streams and written whole or not at all; a body cut short stores
     * nothing, and the client resumes from the offset it asks for.
     */
    public ItemView append(UUID itemId, long offset, InputStream body, String username) {
        var item = store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
        open(visible(item.packageId()));
        return appendTo(itemId, offset, body, username);
    }

    /** {@link #append} for the node itself (a transfer's chunk, authenticated by its key). */
    ItemView appendTo(UUID itemId, long offset, InputStream body, String username) {
        var item = store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
        open(store.find(item.packageId()).orElseThrow());
        var lock = uploading.computeIfAbsent(itemId, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new Conflict("upload-busy", "another request is writing this upload; wait for it");
        }
        try {
            item = store.item(itemId).orElseThrow();
            if (!(item.content() instanceof ItemContent.Receiving)) {
                throw new Conflict("upload-complete", "this item is stored whole already");
            }
            if (offset != item.receivedBytes()) {
                throw new Conflict("upload-offset", "the upload is at offset " + item.receivedBytes());
            }
            var keys = keys(item);
            var resumed = resume(item, keys);
            if (offset != resumed.item().receivedBytes()) {
                throw new Conflict(
                        "upload-offset",
                        "the upload is at offset " + resumed.item().receivedBytes());
            }
            item = resumed.item();
            Vault.Appended appended;
            try {
                appended = vault.append(item, keys, body, resumed.digest());
            } catch (IOException e) {
                throw new UncheckedIOException("the upload could not be stored; resume from offset " + offset, e);
            }
            if (appended.parts() == 0) {
                if (appended.cut() != null) {
                    throw new UncheckedIOException(
                            "the upload was cut short; resume from offset " + offset, appended.cut());
                }
                return ItemView.of(item);
            }
            var before = item;
            var whole = appended.digest();
            var after = item.received(
                    offset,
                    appended.bytes(),
                    appended.parts(),
                    () -> Digest.of(clone(whole).digest()));
            transaction.executeWithoutResult(status -> {
                open(store.lock(before.packageId()).orElseThrow());
                store.progress(after, offset);
                if (after.content() instanceof ItemContent.Stored s) {
                    record(
                            after.packageId(),
                            username,
                            Act.ITEM_ADDED,
                            after.id(),
                            "sha256=" + s.sha256().hex());
                }
            });
            if (after.content() instanceof ItemContent.Stored) {
                digests.remove(itemId);
                uploading.remove(itemId, lock);
            } else {
                digests.put(itemId, whole);
            }
            if (appended.cut() != null) {
                throw new UncheckedIOException(
                        "the upload was cut short; resume from offset " + after.receivedBytes(), appended.cut());
            }
            return ItemView.of(after);
        } finally {
            lock.unlock();
        }
    }

    /** The item's content for the user, recorded in the custody chain before a byte is served. */
    public Download download(UUID itemId, String username) {
        var item = store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
        var p = visible(item.packageId());
        if (!(item.content() instanceof ItemContent.Stored)) {
            throw new Conflict("item-unavailable", "the item has not arrived whole or was deleted");
        }
        var keys = keys(item);
        transaction.executeWithoutResult(status -> {
            store.lock(p.id()).orElseThrow();
            record(
                    p.id(),
                    username,
                    Act.DOWNLOADED,
                    item.id(),
                    "sha256=" + item.sha256().hex());
        });
        return new Download(ItemView.of(item), () -> vault.open(item, keys));
    }

    /** Seals an open package whose every item has arrived: its manifest is signed, nothing changes after. */
    public PackageView seal(UUID packageId, String username) {
        visible(packageId);
        return sealAs(packageId, username);
    }

    /** Seals in the caller's transaction, or in one of its own. */
    PackageView sealAs(UUID packageId, String username) {
        return transaction.execute(status -> {
            var p = open(store.lock(packageId).orElseThrow());
            var items = store.items(packageId);
            var sealed = p.seal(items, clock.instant(), username, signingKey);
            store.update(sealed, p.version());
            record(
                    p.id(),
                    username,
                    Act.SEALED,
                    null,
                    "manifest=" + sealed.manifest().manifest().digest().hex());
            return PackageView.of(sealed, items);
        });
    }

    /** The package's custody chain with the node's public key, after recording the export itself. */
    public CustodyExport exportCustody(UUID packageId, String username) {
        visible(packageId);
        return transaction.execute(status -> {
            store.lock(packageId).orElseThrow();
            record(
                    packageId,
                    username,
                    Act.EXPORTED,
                    null,
                    "records=" + (store.lastCustody(packageId).orElseThrow().index() + 2));
            return CustodyExport.of(packageId, signingKey.publicKey(), store.custody(packageId));
        });
    }

    /**
     * The package's custody chain to read on screen. Not an export (nothing leaves the node), so not
     * recorded; exporting it is {@link #exportCustody}.
     */
    public CustodyExport custody(UUID packageId) {
        visible(packageId);
        return CustodyExport.of(packageId, signingKey.publicKey(), store.custody(packageId));
    }

    /** The largest body of one upload request ({@code comity.evidence.max-chunk-bytes}). */
    public long maxChunkBytes() {
        return properties.maxChunkBytes();
    }

    /** The largest item the console's plain form takes ({@code comity.evidence.max-form-bytes}). */
    public long maxFormBytes() {
        return properties.maxFormBytes();
    }

    /**
     * The package's provenance as CASE/UCO JSON-LD ({@link CaseUcoExport}), after recording the export
     * (detail {@code format=case-uco}), which the export's custody actions include.
     */
    public String exportCaseUco(UUID packageId, String username) {
        visible(packageId);
        return transaction.execute(status -> {
            var p = store.lock(packageId).orElseThrow();
            record(packageId, username, Act.EXPORTED, null, "format=case-uco");
            var custody = CustodyExport.of(packageId, signingKey.publicKey(), store.custody(packageId));
            return CaseUcoExport.of(PackageView.of(p, store.items(packageId)), custody.records());
        });
    }

    /** The id of the node's evidence signing key, to publish so verifiers know which key is the node's. */
    public String signingKeyId() {
        return signingKey.keyId();
    }

    /** Another retention date. Shortening it is recorded like lengthening. */
    public PackageView retain(UUID packageId, Instant until, String username) {
        visible(packageId);
        if (!until.isAfter(clock.instant())) {
            throw InvalidInput.of("retainUntil", "future", "a retention date in the future");
        }
        return changeRetention(
                packageId,
                username,
                p -> new Retention(until, p.retention().legalHold()),
                Act.RETENTION_CHANGED,
                "until=" + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Places or releases a legal hold: while it stands, the package is not deleted. */
    public PackageView hold(UUID packageId, boolean hold, String username) {
        visible(packageId);
        return changeRetention(
                packageId,
                username,
                p -> new Retention(p.retention().retainUntil(), hold),
                hold ? Act.HOLD_PLACED : Act.HOLD_RELEASED,
                hold ? "hold=on" : "hold=off");
    }

    private PackageView changeRetention(
            UUID packageId,
            String username,
            java.util.function.Function<EvidencePackage, Retention> change,
            Act act,
            String detail) {
        return transaction.execute(status -> {
            var p = store.lock(packageId).orElseThrow();
            var changed = p.retained(change.apply(p));
            store.update(changed, p.version());
            record(packageId, username, act, null, detail);
            return PackageView.of(changed, store.items(packageId));
        });
    }

    /**
     * Why the package cannot be deleted now, by the rule {@link #delete} would refuse it with
     * ({@code legal-hold}, {@code retention}, {@code package-deleted}), or null if it can: for the
     * console's confirmation step, which says so before the supervisor confirms.
     */
    public @Nullable Conflict deletionRefused(UUID packageId) {
        try {
            visible(packageId).delete(clock.instant(), "check");
            return null;
        } catch (Conflict refused) {
            return refused;
        }
    }

    /**
     * Deletes a package whose retention has ended and which no hold keeps: every item's keyset is
     * destroyed (so any copy of the ciphertext, in a backup too, is unreadable), then its ciphertext
     * removed. The items' descriptions, digests and the custody chain remain.
     */
    public PackageView delete(UUID packageId, String username) {
        visible(packageId);
        var deleted = transaction.execute(status -> {
            var p = store.lock(packageId).orElseThrow();
            var d = p.delete(clock.instant(), username);
            store.update(d, p.version());
            var items = store.items(packageId);
            for (Item item : items) {
                store.shred(item.id());
            }
            record(packageId, username, Act.DELETED, null, "items=" + items.size());
            return d;
        });
        var items = store.items(packageId);
        for (Item item : items) {
            digests.remove(item.id());
            try {
                vault.delete(item);
            } catch (IOException e) {
                // The keys are gone, so what remains is unreadable; the files are only space.
                org.slf4j.LoggerFactory.getLogger(Evidence.class)
                        .warn("Could not remove the ciphertext of shredded item {}: {}", item.id(), e.toString());
            }
        }
        return PackageView.of(deleted, items);
    }

    /**
     * Records {@code retention-expiring} (once per retention date) on every package whose retention
     * ends within {@code comity.evidence.retention-warning} and which no hold keeps, and logs a warning
     * naming it, so a supervisor decides in time whether to extend, hold or let it be deleted.
     *
     * @return the packages warned of now
     */
    @org.springframework.scheduling.annotation.Scheduled(
            initialDelayString = "${comity.evidence.retention-check-interval:1h}",
            fixedDelayString = "${comity.evidence.retention-check-interval:1h}")
    public List<UUID> warnOfExpiry() {
        var by = clock.instant().plus(properties.retentionWarning());
        var warned = new java.util.ArrayList<UUID>();
        for (UUID id : store.expiringUnwarned(by)) {
            transaction.executeWithoutResult(status -> {
                var p = store.lock(id).orElseThrow();
                var until = p.retention().retainUntil().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                record(id, "node", Act.RETENTION_EXPIRING, null, "until=" + until);
            });
            org.slf4j.LoggerFactory.getLogger(Evidence.class)
                    .warn("Evidence package {}: its retention ends within {}", id, properties.retentionWarning());
            warned.add(id);
        }
        return warned;
    }

    /** Packages the user may see whose retention ends within the warning period (or has ended). */
    public List<PackageView> expiring() {
        var by = clock.instant().plus(properties.retentionWarning());
        var visible = new java.util.ArrayList<PackageView>();
        for (var p : store.expiring(by)) {
            try {
                casework.get(p.requestId());
                visible.add(PackageView.of(p, store.items(p.id())));
            } catch (NotFound e) {
                // another unit's request: not listed
            }
        }
        return visible;
    }

    /** Records an act of another part of this module, the package locked, in the caller's transaction. */
    void recordLocked(UUID packageId, String actor, Act act, @Nullable UUID item, String detail) {
        store.lock(packageId).orElseThrow();
        record(packageId, actor, act, item, detail);
    }

    /** A package as stored, whoever asks: for the transfer, which checks its own rules. */
    EvidencePackage stored(UUID packageId) {
        return store.find(packageId).orElseThrow(() -> new NotFound("evidence package"));
    }

    /** A package the current user may see. */
    EvidencePackage visiblePackage(UUID packageId) {
        return visible(packageId);
    }

    Item storedItem(UUID itemId) {
        return store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
    }

    List<Item> items(UUID packageId) {
        return store.items(packageId);
    }

    /** An item's plaintext for the transfer, which records its own acts. */
    InputStream read(Item item) {
        return vault.open(item, keys(item));
    }

    KeySource keySource() {
        return keySource;
    }

    SigningKey signingKey() {
        return signingKey;
    }

    private void record(UUID packageId, String actor, Act act, @Nullable UUID item, String detail) {
        var last = store.lastCustody(packageId).orElse(null);
        store.append(CustodyChain.next(last, packageId, clock.instant(), actor, act, item, detail, signingKey));
    }

    /** The package if the user may see its request; otherwise, like a package that does not exist, 404. */
    private EvidencePackage visible(UUID packageId) {
        var p = store.find(packageId).orElseThrow(() -> new NotFound("evidence package"));
        try {
            casework.get(p.requestId());
        } catch (NotFound e) {
            throw new NotFound("evidence package");
        }
        return p;
    }

    private static EvidencePackage.Open open(EvidencePackage p) {
        return switch (p) {
            case EvidencePackage.Open o -> o;
            case EvidencePackage.Sealed s ->
                throw new Conflict("package-sealed", "the package is sealed; nothing is added");
            case EvidencePackage.Deleted d -> throw new Conflict("package-deleted", "the package was deleted");
        };
    }

    private ItemKeys keys(Item item) {
        var wrapped = store.keyset(item.id())
                .orElseThrow(() -> new Conflict("item-unavailable", "the item's key was destroyed"));
        if (!wrapped.keySource().equals(keySource.id())) {
            throw new IllegalStateException("item " + item.id() + " is wrapped by key " + wrapped.keySource()
                    + ", not by this node's key " + keySource.id());
        }
        return ItemKeys.unwrap(item.id(), wrapped.wrapped(), keySource);
    }

    /** An upload under way as this node can go on with it: its item and the hash of what it holds. */
    private record Resumed(Item item, MessageDigest digest) {}

    /**
     * The hash so far of an upload under way, kept between requests; after a restart, rebuilt by
     * reading the parts back, and the recorded progress trimmed to the parts that read back whole.
     */
    private Resumed resume(Item item, ItemKeys keys) {
        var known = digests.get(item.id());
        if (known != null) {
            return new Resumed(item, clone(known));
        }
        Vault.ReadBack back;
        try {
            back = vault.readBack(item, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the upload so far", e);
        }
        var current = item;
        if (back.parts() < item.parts()) {
            var trimmed = item.trimmedTo(back.bytes(), back.parts());
            if (!store.trim(trimmed, item.receivedBytes())) {
                throw new Conflict("upload-offset", "the upload moved on meanwhile; ask for its offset");
            }
            org.slf4j.LoggerFactory.getLogger(Evidence.class)
                    .warn(
                            "evidence item {}: parts {} to {} did not read back whole after a restart; the upload resumes"
                                    + " from offset {} instead of {}",
                            item.id(),
                            back.parts() + 1,
                            item.parts(),
                            back.bytes(),
                            item.receivedBytes());
            current = trimmed;
        }
        digests.put(item.id(), back.digest());
        return new Resumed(current, clone(back.digest()));
    }

    /**
     * An upload's offset to resume from: after a restart, what reads back whole (a part torn by a crash
     * before it was forced is dropped, never counted).
     */
    ItemView resumeFrom(UUID itemId) {
        var item = store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
        if (!(item.content() instanceof ItemContent.Receiving) || digests.containsKey(itemId)) {
            return ItemView.of(item);
        }
        var lock = uploading.computeIfAbsent(itemId, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            return ItemView.of(item);
        }
        try {
            item = store.item(itemId).orElseThrow();
            if (!(item.content() instanceof ItemContent.Receiving)) {
                return ItemView.of(item);
            }
            return ItemView.of(resume(item, keys(item)).item());
        } finally {
            lock.unlock();
        }
    }

    /** {@link #resumeFrom} for a user, who must be able to see the item's request. */
    public ItemView offset(UUID itemId) {
        var item = store.item(itemId).orElseThrow(() -> new NotFound("evidence item"));
        visible(item.packageId());
        return resumeFrom(itemId);
    }

    /** Forgets the hashes of uploads under way, as a restart does (for tests of resuming). */
    void forgetUploadsUnderWay() {
        digests.clear();
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }
}
