package org.comity.transparency.domain.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.VerificationException.Failure;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InMemoryTree;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;
import org.junit.jupiter.api.Test;

class ReceiptTest {

    private static final String ORIGIN = "comity.example/log";
    private static final NoteSigner KEY = NoteSigner.generate(ORIGIN);
    private static final TrustedLog LOG = TrustedLog.of(KEY.verifier());

    private static byte[] entry(int i) {
        return ("decision " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static InMemoryTree tree(int n) {
        InMemoryTree tree = new InMemoryTree();
        for (int i = 0; i < n; i++) {
            tree.append(MerkleTree.leafHash(entry(i)));
        }
        return tree;
    }

    private static Receipt receipt(InMemoryTree tree, long index) {
        SignedNote checkpoint = new Checkpoint(ORIGIN, tree.size(), tree.root()).sign(KEY);
        return Receipt.of(InclusionProof.build(tree, index, tree.size()), checkpoint);
    }

    @Test
    void writesTheSpecLayout() {
        InMemoryTree tree = tree(5);
        Receipt receipt = receipt(tree, 3);
        String text = receipt.serialize();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("c2sp.org/tlog-proof@v1");
        assertThat(lines.get(1)).isEqualTo("index 3");
        assertThat(lines.subList(2, 2 + receipt.proof().size()))
                .isEqualTo(receipt.proof().stream().map(Hash::base64).toList());
        assertThat(text).endsWith("\n\n" + receipt.checkpoint().serialize());
        Receipt withExtra =
                new Receipt("ctx".getBytes(StandardCharsets.UTF_8), 3, receipt.proof(), receipt.checkpoint());
        assertThat(withExtra.serialize()).startsWith("c2sp.org/tlog-proof@v1\nextra Y3R4\nindex 3\n");
        assertThat(Receipt.parse(withExtra.serialize())).isEqualTo(withExtra);
    }

    @Test
    void everyEntryOfAGrowingLogHasAVerifyingReceipt() {
        for (int n = 1; n <= 40; n++) {
            InMemoryTree tree = tree(n);
            for (int i = 0; i < n; i++) {
                Receipt parsed = Receipt.parse(receipt(tree, i).serialize());
                Checkpoint verified = parsed.verifyEntry(LOG, entry(i));
                assertThat(verified.size()).isEqualTo(n);
                assertThat(verified.root()).isEqualTo(tree.root());
            }
        }
    }

    @Test
    void singleEntryLogHasAnEmptyProof() {
        Receipt receipt = receipt(tree(1), 0);
        assertThat(receipt.serialize()).startsWith("c2sp.org/tlog-proof@v1\nindex 0\n\n");
        assertThat(Receipt.parse(receipt.serialize()).verifyEntry(LOG, entry(0)).size())
                .isEqualTo(1);
    }

    @Test
    void wrongEntryIndexProofOrKeyFails() {
        InMemoryTree tree = tree(13);
        Receipt receipt = receipt(tree, 6);
        assertFails(() -> receipt.verifyEntry(LOG, entry(7)), Failure.ROOT_MISMATCH);
        assertFails(
                () -> new Receipt(7, receipt.proof(), receipt.checkpoint()).verifyEntry(LOG, entry(6)),
                Failure.ROOT_MISMATCH);
        assertFails(
                () -> new Receipt(13, receipt.proof(), receipt.checkpoint()).verifyEntry(LOG, entry(6)),
                Failure.INDEX_OUT_OF_RANGE);
        List<Hash> shorter = new ArrayList<>(receipt.proof());
        shorter.removeLast();
        assertFails(
                () -> new Receipt(6, shorter, receipt.checkpoint()).verifyEntry(LOG, entry(6)),
                Failure.WRONG_PROOF_LENGTH);
        TrustedLog other = TrustedLog.of(NoteSigner.generate(ORIGIN).verifier());
        assertFails(() -> receipt.verifyEntry(other, entry(6)), Failure.NO_TRUSTED_SIGNATURE);
        TrustedLog elsewhere = new TrustedLog("other.example/log", KEY.verifier());
        assertFails(() -> receipt.verifyEntry(elsewhere, entry(6)), Failure.ORIGIN_MISMATCH);
        // A checkpoint for another (consistent, larger) tree does not match this proof.
        InMemoryTree grown = tree(14);
        SignedNote later = new Checkpoint(ORIGIN, 14, grown.root()).sign(KEY);
        assertThatThrownBy(() -> new Receipt(6, receipt.proof(), later).verifyEntry(LOG, entry(6)))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void tamperedReceiptTextFails() {
        String text = receipt(tree(9), 4).serialize();
        String[] lines = text.split("\n", -1);
        lines[2] = Hash.of(new byte[32]).base64();
        assertFails(() -> Receipt.parse(String.join("\n", lines)).verifyEntry(LOG, entry(4)), Failure.ROOT_MISMATCH);
    }

    @Test
    void malformedReceiptsAreRejected() {
        String good = receipt(tree(9), 4).serialize();
        List<String> bad = List.of(
                good.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"),
                good.replace("index 4", "index 04"),
                good.replace("index 4", "index -4"),
                good.replace("index 4", "Index 4"),
                good.replace("index 4\n", ""),
                good.replace("index 4", "extra \nindex 4"),
                good.replace("index 4", "extra !!\nindex 4"),
                good.replaceFirst("=\n", "\n"),
                good.substring(0, good.indexOf("\n\n")),
                good.substring(0, good.length() - 1));
        for (String b : bad) {
            assertThatThrownBy(() -> Receipt.parse(b)).as(b).isInstanceOf(FormatException.class);
        }
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
