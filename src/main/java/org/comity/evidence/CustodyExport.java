package org.comity.evidence;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.comity.evidence.domain.Act;
import org.comity.evidence.domain.CustodyChain;
import org.comity.evidence.domain.CustodyRecord;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.SigningKey;
import org.jspecify.annotations.Nullable;

/**
 * A package's custody chain as exported: every record, and the node's public key. Verifying it needs
 * nothing else, but the key in the file proves nothing by itself: a verifier compares {@code keyId}
 * with the id the node's operator published ({@code comity evidence verify-custody FILE KEY-ID}).
 *
 * @param publicKey the node's Ed25519 public key, X.509, base 64
 */
public record CustodyExport(String format, UUID packageId, String publicKey, String keyId, List<Record> records) {

    public static final String FORMAT = "comity-evidence-custody-v1";

    /** One record; {@code signature} is base 64, hashes are hex. */
    public record Record(
            int index,
            Instant at,
            String actor,
            String act,
            @Nullable UUID item,
            String detail,
            String previous,
            String hash,
            String keyId,
            String signature) {}

    static CustodyExport of(UUID packageId, byte[] publicKey, List<CustodyRecord> records) {
        var b64 = Base64.getEncoder();
        return new CustodyExport(
                FORMAT,
                packageId,
                b64.encodeToString(publicKey),
                SigningKey.keyId(publicKey),
                records.stream()
                        .map(r -> new Record(
                                r.index(),
                                r.at(),
                                r.actor(),
                                r.act().code(),
                                r.item(),
                                r.detail(),
                                r.previous().hex(),
                                r.hash().hex(),
                                r.keyId(),
                                b64.encodeToString(r.signature())))
                        .toList());
    }

    /**
     * Verifies the chain offline against the node key with id {@code expectedKeyId}; throws {@link
     * org.comity.evidence.domain.CustodyChainBroken} naming the first record that fails, or {@link
     * org.comity.evidence.domain.SignatureRefused} if the file's key is not the expected one.
     */
    public CustodyChain.Verified verify(String expectedKeyId) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        var key = Base64.getDecoder().decode(publicKey);
        if (!SigningKey.keyId(key).equals(expectedKeyId)) {
            throw new org.comity.evidence.domain.SignatureRefused(
                    "the chain is signed by key " + SigningKey.keyId(key) + ", not by " + expectedKeyId);
        }
        var parsed = new java.util.ArrayList<CustodyRecord>();
        for (Record r : records) {
            try {
                parsed.add(new CustodyRecord(
                        r.index(),
                        packageId,
                        r.at(),
                        r.actor(),
                        Act.ofCode(r.act()),
                        r.item(),
                        r.detail(),
                        new Digest(r.previous()),
                        new Digest(r.hash()),
                        r.keyId(),
                        Base64.getDecoder().decode(r.signature())));
            } catch (RuntimeException e) {
                throw new org.comity.evidence.domain.CustodyChainBroken(parsed.size(), "the record is malformed");
            }
        }
        var verified = CustodyChain.verify(parsed, key);
        if (!verified.packageId().equals(packageId)) {
            throw new org.comity.evidence.domain.CustodyChainBroken(0, "the records are of another package");
        }
        return verified;
    }
}
