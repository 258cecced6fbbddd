package org.comity.evidence.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.shared.Conflict;

/**
 * A package of evidence for one request. Items are added while it is {@link Open}; sealing signs a
 * manifest of every item and freezes it ({@link Sealed}); deletion shreds every item's key and leaves
 * the package's custody chain ({@link Deleted}).
 */
public sealed interface EvidencePackage {

    UUID id();

    UUID requestId();

    Instant createdAt();

    String createdBy();

    Retention retention();

    long version();

    /** The code stored for the state: {@code open}, {@code sealed} or {@code deleted}. */
    default String state() {
        return switch (this) {
            case Open o -> "open";
            case Sealed s -> "sealed";
            case Deleted d -> "deleted";
        };
    }

    /** The package with another retention, or a hold placed or released. Refused once deleted. */
    default EvidencePackage retained(Retention retention) {
        return switch (this) {
            case Open o -> new Open(o.id(), o.requestId(), o.createdAt(), o.createdBy(), retention, o.version() + 1);
            case Sealed s ->
                new Sealed(
                        s.id(), s.requestId(), s.createdAt(), s.createdBy(), retention, s.version() + 1, s.manifest());
            case Deleted d -> throw new Conflict("package-deleted", "the package was deleted");
        };
    }

    /** The package deleted at {@code at}, if its retention has ended and no hold stands. */
    default Deleted delete(Instant at, String by) {
        return switch (this) {
            case Deleted d -> throw new Conflict("package-deleted", "the package was deleted");
            case Open o -> {
                retention().allowsDeletionAt(at);
                yield new Deleted(id(), requestId(), createdAt(), createdBy(), retention(), version() + 1, at, by);
            }
            case Sealed s -> {
                retention().allowsDeletionAt(at);
                yield new Deleted(id(), requestId(), createdAt(), createdBy(), retention(), version() + 1, at, by);
            }
        };
    }

    /** A package items are still being added to. */
    record Open(UUID id, UUID requestId, Instant createdAt, String createdBy, Retention retention, long version)
            implements EvidencePackage {

        public static Open create(UUID requestId, Instant at, String by, Retention retention) {
            return new Open(UUID.randomUUID(), requestId, at, Texts.label("createdBy", by), retention, 1);
        }

        /** An item may be announced only while the package is open. */
        public void accepts(Item item) {
            if (!item.packageId().equals(id)) {
                throw new IllegalArgumentException("an item of another package");
            }
        }

        /**
         * Freezes the package under a manifest of its items, every one of them stored whole; the signer
         * is the node's evidence key.
         */
        public Sealed seal(List<Item> items, Instant at, String by, SigningKey signer) {
            if (items.isEmpty()) {
                throw new Conflict("package-empty", "a package is sealed with at least one item");
            }
            for (Item item : items) {
                if (!(item.content() instanceof ItemContent.Stored)) {
                    throw new Conflict(
                            "upload-incomplete", "item " + item.id() + " has not arrived whole; finish or remove it");
                }
            }
            var manifest = new Manifest(
                    id,
                    requestId,
                    at,
                    by,
                    items.stream().map(Manifest.Entry::of).toList());
            return new Sealed(id, requestId, createdAt, createdBy, retention, version + 1, signer.sign(manifest));
        }
    }

    /** A package frozen under its signed manifest: no item is added, changed or removed. */
    record Sealed(
            UUID id,
            UUID requestId,
            Instant createdAt,
            String createdBy,
            Retention retention,
            long version,
            SignedManifest manifest)
            implements EvidencePackage {}

    /** A deleted package: its items' keys are destroyed; what remains is its custody chain. */
    record Deleted(
            UUID id,
            UUID requestId,
            Instant createdAt,
            String createdBy,
            Retention retention,
            long version,
            Instant deletedAt,
            String deletedBy)
            implements EvidencePackage {}
}
