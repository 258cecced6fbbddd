package org.comity.transparency.domain.receipt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.SignedNote;

/** A tlog-proof: entry index, inclusion proof and the signed checkpoint it leads to. */
public record Receipt(byte[] extra, long index, List<Hash> proof, SignedNote checkpoint) {

    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    /** Bounds parsing: a whole receipt is a small checkpoint note plus at most 64 hashes. */
    public static final int MAX_BYTES = SignedNote.MAX_BYTES + 8192;

    public Receipt {
        extra = extra == null ? new byte[0] : extra.clone();
        if (index < 0) {
            throw new FormatException("index must not be negative");
        }
        if (proof.size() > InclusionProof.MAX_HASHES) {
            throw new FormatException("proof has more than " + InclusionProof.MAX_HASHES + " hashes");
        }
        proof = List.copyOf(proof);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** A receipt without extra data. */
    public Receipt(long index, List<Hash> proof, SignedNote checkpoint) {
        this(new byte[0], index, proof, checkpoint);
    }

    /** Combines an inclusion proof with the signed checkpoint of the same tree size. */
    public static Receipt of(InclusionProof proof, SignedNote checkpoint) {
        return new Receipt(proof.index(), proof.hashes(), checkpoint);
    }

    public static Receipt parse(String text) {
        if (text.length() > MAX_BYTES) {
            throw new FormatException("receipt is larger than " + MAX_BYTES + " bytes");
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new FormatException("receipt has no empty line before its checkpoint");
        }
        List<String> lines =
                new ArrayList<>(Arrays.asList(text.substring(0, blank).split("\n", -1)));
        if (!lines.removeFirst().equals(HEADER)) {
            throw new FormatException("receipt must start with " + HEADER);
        }
        byte[] extra = new byte[0];
        if (!lines.isEmpty() && lines.getFirst().startsWith("extra ")) {
            extra = Encoding.base64(lines.removeFirst().substring("extra ".length()), "extra data");
            if (extra.length == 0) {
                throw new FormatException("an extra line must carry data");
            }
        }
        if (lines.isEmpty() || !lines.getFirst().startsWith("index ")) {
            throw new FormatException("receipt needs an 'index <n>' line");
        }
        long index = Encoding.decimal(lines.removeFirst().substring("index ".length()), "index");
        if (lines.size() > InclusionProof.MAX_HASHES) {
            throw new FormatException("proof has more than " + InclusionProof.MAX_HASHES + " hashes");
        }
        List<Hash> proof = lines.stream().map(Hash::fromBase64).toList();
        return new Receipt(extra, index, proof, SignedNote.parse(text.substring(blank + 2)));
    }

    /** The text form, to be stored with the {@code .tlog-proof} extension. */
    public String serialize() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (extra.length > 0) {
            out.append("extra ")
                    .append(Base64.getEncoder().encodeToString(extra))
                    .append('\n');
        }
        out.append("index ").append(index).append('\n');
        proof.forEach(h -> out.append(h.base64()).append('\n'));
        return out.append('\n').append(checkpoint.serialize()).toString();
    }

    /**
     * Verifies that the entry with {@code leafHash} is in {@code log}: the checkpoint is signed by the
     * log's key for its origin, and the proof leads from the leaf to the checkpoint's root.
     *
     * @return the verified checkpoint (its size and root may feed a consistency check)
     * @throws VerificationException naming the failed check
     */
    public Checkpoint verify(TrustedLog log, Hash leafHash) {
        Checkpoint verified = log.verify(checkpoint);
        new InclusionProof(index, verified.size(), proof).verify(leafHash, verified.root());
        return verified;
    }

    /** {@link #verify(TrustedLog, Hash)} for the entry's bytes. */
    public Checkpoint verifyEntry(TrustedLog log, byte[] entry) {
        return verify(log, MerkleTree.leafHash(entry));
    }

    /** Unauthenticated application data; never trust it without checking it another way. */
    @Override
    public byte[] extra() {
        return extra.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r
                && Arrays.equals(extra, r.extra)
                && index == r.index
                && proof.equals(r.proof)
                && checkpoint.equals(r.checkpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(extra), index, proof, checkpoint);
    }

    @Override
    public String toString() {
        return serialize();
    }
}
