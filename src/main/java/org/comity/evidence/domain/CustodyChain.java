package org.comity.evidence.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Making the next custody record of a chain, and verifying a whole chain offline. */
public final class CustodyChain {

    private CustodyChain() {}

    /** The record after {@code last} (none for a new package), hashed and signed. */
    public static CustodyRecord next(
            @Nullable CustodyRecord last,
            UUID packageId,
            Instant at,
            String actor,
            Act act,
            @Nullable UUID item,
            String detail,
            SigningKey key) {
        // The database keeps microseconds: what is hashed must survive being stored and read back.
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        int index = last == null ? 0 : last.index() + 1;
        var previous = last == null ? Digest.ZERO : last.hash();
        if (last != null && !last.packageId().equals(packageId)) {
            throw new IllegalArgumentException("a record of another package's chain");
        }
        var hash = CustodyRecord.hash(index, packageId, at, actor, act, item, detail, previous);
        return new CustodyRecord(
                index, packageId, at, actor, act, item, detail, previous, hash, key.keyId(), key.sign(hash.bytes()));
    }

    /** What a verified chain establishes: how many records, and the hash of the last one. */
    public record Verified(UUID packageId, int records, Digest head, String keyId) {}

    /**
     * Checks every record of a chain in order: its place, its link to the one before, its hash and
     * the signature of the given public key over it. Throws {@link CustodyChainBroken} naming the first
     * record that fails.
     */
    public static Verified verify(List<CustodyRecord> records, byte[] publicKey) {
        if (records.isEmpty()) {
            throw new CustodyChainBroken(0, "the chain has no records");
        }
        var keyId = SigningKey.keyId(publicKey);
        var packageId = records.getFirst().packageId();
        var previous = Digest.ZERO;
        for (int i = 0; i < records.size(); i++) {
            var r = records.get(i);
            if (r.index() != i) {
                throw new CustodyChainBroken(i, "record " + i + " says it is record " + r.index());
            }
            if (!r.packageId().equals(packageId)) {
                throw new CustodyChainBroken(i, "the record belongs to another package");
            }
            if (!r.previous().equals(previous)) {
                throw new CustodyChainBroken(i, "the record does not follow the one before it");
            }
            if (!r.computedHash().equals(r.hash())) {
                throw new CustodyChainBroken(i, "the record's fields do not give its hash");
            }
            if (!r.keyId().equals(keyId)) {
                throw new CustodyChainBroken(i, "the record was signed by another key (" + r.keyId() + ")");
            }
            try {
                SigningKey.verify(publicKey, r.hash().bytes(), r.signature());
            } catch (SignatureRefused e) {
                throw new CustodyChainBroken(i, e.getMessage());
            }
            if (i == 0 && r.act() != Act.CREATED) {
                throw new CustodyChainBroken(0, "a chain begins with the package's creation");
            }
            previous = r.hash();
        }
        return new Verified(packageId, records.size(), previous, keyId);
    }
}
