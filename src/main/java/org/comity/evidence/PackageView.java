package org.comity.evidence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.evidence.domain.EvidencePackage;
import org.comity.evidence.domain.Item;
import org.jspecify.annotations.Nullable;

/**
 * A package as the API shows it.
 *
 * @param state {@code open}, {@code sealed} or {@code deleted}
 * @param manifestDigest the SHA-256 of the signed manifest, once sealed: what a receipt names
 * @param manifestKeyId the id (SHA-256 of the public key) of the node key that signed the manifest
 */
public record PackageView(
        UUID id,
        UUID requestId,
        String state,
        Instant createdAt,
        String createdBy,
        Instant retainUntil,
        boolean legalHold,
        long version,
        @Nullable Instant sealedAt,
        @Nullable String sealedBy,
        @Nullable String manifestDigest,
        @Nullable String manifestKeyId,
        @Nullable String manifestSignature,
        List<ItemView> items) {

    static PackageView of(EvidencePackage p, List<Item> items) {
        var sealed = p instanceof EvidencePackage.Sealed s ? s.manifest() : null;
        return new PackageView(
                p.id(),
                p.requestId(),
                p.state(),
                p.createdAt(),
                p.createdBy(),
                p.retention().retainUntil(),
                p.retention().legalHold(),
                p.version(),
                sealed == null ? null : sealed.manifest().sealedAt(),
                sealed == null ? null : sealed.manifest().sealedBy(),
                sealed == null ? null : sealed.manifest().digest().hex(),
                sealed == null ? null : sealed.keyId(),
                sealed == null ? null : java.util.Base64.getEncoder().encodeToString(sealed.signature()),
                items.stream().map(ItemView::of).toList());
    }
}
