package org.comity.transparency.domain.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.VerificationException.Failure;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final String SPEC_TEXT =
            "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void parsesAndWritesTheSpecExample() {
        Checkpoint c = Checkpoint.parse(SPEC_TEXT);
        assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(c.size()).isEqualTo(20852163);
        assertThat(c.root()).isEqualTo(Hash.fromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
        assertThat(c.extensions()).isEmpty();
        assertThat(c.text()).isEqualTo(SPEC_TEXT);
    }

    @Test
    void keepsExtensionLines() {
        String text = SPEC_TEXT + "ext one\n— not a signature, just text\n";
        Checkpoint c = Checkpoint.parse(text);
        assertThat(c.extensions()).containsExactly("ext one", "— not a signature, just text");
        assertThat(c.text()).isEqualTo(text);
    }

    @Test
    void zeroIsTheOnlyNumberWithALeadingZero() {
        assertThat(Checkpoint.parse("o\n0\n" + Hash.fromHex("00".repeat(32)).base64() + "\n")
                        .size())
                .isZero();
    }

    @Test
    void rejectsMalformedText() {
        String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
        for (String bad : List.of(
                "o\n012\n" + root + "\n",
                "o\n+12\n" + root + "\n",
                "o\n-1\n" + root + "\n",
                "o\n 12\n" + root + "\n",
                "o\n9223372036854775808\n" + root + "\n",
                "o\n12\n" + root.substring(4) + "\n",
                "o\n12\n" + root.replace("=", "") + "\n",
                "o\n12\n" + root,
                "o\n12\n",
                "\n12\n" + root + "\n",
                "o\n12\n" + root + "\n\n",
                "o\n12\n" + root + "\next\n\n",
                "o\r\n12\n" + root + "\n")) {
            assertThatThrownBy(() -> Checkpoint.parse(bad)).as(bad).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void trustedLogVerifiesSignatureAndOrigin() {
        NoteSigner key = NoteSigner.generate("comity.example/log");
        TrustedLog log = TrustedLog.of(key.verifier());
        Checkpoint c = new Checkpoint("comity.example/log", 5, Hash.fromHex("11".repeat(32)));
        SignedNote signed = SignedNote.parse(c.sign(key).serialize());
        assertThat(log.verify(signed)).isEqualTo(c);

        Checkpoint elsewhere = new Checkpoint("other.example/log", 5, c.root());
        assertThatThrownBy(() -> log.verify(elsewhere.sign(key)))
                .isInstanceOfSatisfying(
                        VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.ORIGIN_MISMATCH));
        NoteSigner impostor = NoteSigner.generate("comity.example/log");
        assertThatThrownBy(() -> log.verify(c.sign(impostor)))
                .isInstanceOfSatisfying(
                        VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.NO_TRUSTED_SIGNATURE));
    }
}
