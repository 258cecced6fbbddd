package org.comity.evidence.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.comity.shared.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * One act in a package's custody chain. Its hash covers every field and the previous record's hash,
 * so changing, removing or reordering a record breaks every hash after it; the node's signature over
 * the hash shows the node wrote it.
 *
 * @param index the record's place in the chain, from 0
 * @param item the item acted on, if the act concerns one
 * @param detail what the act needs besides: an item's or manifest's SHA-256, a retention date; codes
 *     and digests only, never free text
 */
public record CustodyRecord(
        int index,
        UUID packageId,
        Instant at,
        String actor,
        Act act,
        @Nullable UUID item,
        String detail,
        Digest previous,
        Digest hash,
        String keyId,
        byte[] signature) {

    public CustodyRecord {
        Objects.requireNonNull(packageId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(act);
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The hash this record's fields give, whatever its {@code hash} field says. */
    public Digest computedHash() {
        return hash(index, packageId, at, actor, act, item, detail, previous);
    }

    static Digest hash(
            int index,
            UUID packageId,
            Instant at,
            String actor,
            Act act,
            @Nullable UUID item,
            String detail,
            Digest previous) {
        return Digest.of(Sha256.of(new Canonical("comity-evidence-custody-v1")
                .field(index)
                .field(packageId)
                .field(at)
                .field(actor)
                .field(act.code())
                .field(item)
                .field(detail)
                .field(previous)
                .bytes()));
    }
}
