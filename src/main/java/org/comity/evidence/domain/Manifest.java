package org.comity.evidence.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.shared.Sha256;

/** What a sealed package holds, item by item, as the node signs it. */
public record Manifest(UUID packageId, UUID requestId, Instant sealedAt, String sealedBy, List<Entry> items) {

    public Manifest {
        // The database keeps microseconds: what is signed must survive being stored and read back.
        sealedAt = sealedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        items = List.copyOf(items);
    }

    /** One item as the manifest lists it. */
    public record Entry(
            UUID itemId,
            String fileName,
            String mediaType,
            long sizeBytes,
            Digest sha256,
            String orderReference,
            String sourceKind,
            String sourceName,
            Instant collectedAt) {

        public Entry {
            collectedAt = collectedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }

        public static Entry of(Item item) {
            return new Entry(
                    item.id(),
                    item.fileName(),
                    item.mediaType().value(),
                    item.sizeBytes(),
                    item.sha256(),
                    item.origin().orderReference(),
                    item.origin().source().code(),
                    item.origin().source().name(),
                    item.origin().collectedAt());
        }
    }

    /** The bytes the signature covers. */
    public byte[] canonical() {
        var c = new Canonical("comity-evidence-manifest-v1")
                .field(packageId)
                .field(requestId)
                .field(sealedAt)
                .field(sealedBy)
                .field(items.size());
        for (Entry e : items) {
            c.field(e.itemId())
                    .field(e.fileName())
                    .field(e.mediaType())
                    .field(e.sizeBytes())
                    .field(e.sha256())
                    .field(e.orderReference())
                    .field(e.sourceKind())
                    .field(e.sourceName())
                    .field(e.collectedAt());
        }
        return c.bytes();
    }

    /** The manifest's SHA-256: what a receipt or the public log names, never the content. */
    public Digest digest() {
        return Digest.of(Sha256.of(canonical()));
    }
}
