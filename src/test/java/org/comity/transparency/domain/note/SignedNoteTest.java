package org.comity.transparency.domain.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.SharedVectors;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.VerificationException.Failure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SignedNoteTest {

    private static final JsonNode V = SharedVectors.read("signed-note.json");
    private static final String SKEY = V.get("skey").stringValue();
    private static final String VKEY = V.get("vkey").stringValue();
    private static final String TEXT = V.get("text").stringValue();
    private static final String SIGNED = V.get("signedNote").stringValue();

    @Test
    void signingTheVectorTextGivesExactlyTheVectorNote() {
        NoteSigner signer = NoteSigner.parse(SKEY);
        assertThat(SignedNote.sign(TEXT, signer).serialize()).isEqualTo(SIGNED);
        assertThat(signer.encodedPrivateKey()).isEqualTo(SKEY);
        assertThat(signer.toString()).doesNotContain(SKEY.substring(SKEY.lastIndexOf('+') + 1));
    }

    @Test
    void verifierKeyIsDerivedFromThePrivateKey() {
        NoteSigner signer = NoteSigner.parse(SKEY);
        assertThat(signer.verifier().encoded()).isEqualTo(VKEY);
        assertThat(signer.name()).isEqualTo("PeterNeumann");
        assertThat(KeyNames.hex(signer.keyId())).isEqualTo("c74f20a3");
        assertThat(NoteVerifier.parse(VKEY)).isEqualTo(signer.verifier());
    }

    @Test
    void vectorNoteParsesRoundTripsAndVerifies() {
        SignedNote note = SignedNote.parse(SIGNED.getBytes(StandardCharsets.UTF_8));
        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.signatures())
                .singleElement()
                .satisfies(s -> assertThat(s.keyName()).isEqualTo("PeterNeumann"));
        assertThat(note.serialize()).isEqualTo(SIGNED);
        VerifiedNote verified = note.verify(NoteVerifier.parse(VKEY));
        assertThat(verified.text()).isEqualTo(TEXT);
        assertThat(verified.signedBy()).containsExactly(NoteVerifier.parse(VKEY));
    }

    @Test
    void badVerifierKeysAreRejected() {
        for (JsonNode bad : V.get("badVkeys").values()) {
            assertThatThrownBy(() -> NoteVerifier.parse(bad.stringValue()))
                    .as(bad.stringValue())
                    .isInstanceOf(FormatException.class);
        }
    }

    @Test
    void specExampleVerifierKeyParses() {
        String vkey = V.get("specExample").get("vkey").stringValue();
        NoteVerifier v = NoteVerifier.parse(vkey);
        assertThat(v.name()).isEqualTo("example.com/foo");
        assertThat(KeyNames.hex(v.keyId())).isEqualTo("530d903a");
        assertThat(v.encoded()).isEqualTo(vkey);
    }

    @Test
    void malformedKeysAreRejected() {
        String key = VKEY.substring(VKEY.lastIndexOf('+') + 1);
        assertThatThrownBy(() -> NoteVerifier.parse("Peter Neumann+c74f20a3+" + key))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a4+" + key))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a+" + key))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a3+" + key + "+x"))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("+c74f20a3+" + key)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.parse(SKEY.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.parse(SKEY.replace("PRIVATE", "PUBLIC")))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.generate("has space")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.generate("has+plus")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.generate("nbsp\u00a0name")).isInstanceOf(FormatException.class);
    }

    @Test
    void generatedKeysRoundTripThroughTheirStrings() {
        NoteSigner signer = NoteSigner.generate("comity.example/log", new SecureRandom());
        NoteSigner again = NoteSigner.parse(signer.encodedPrivateKey());
        assertThat(again.verifier()).isEqualTo(signer.verifier());
        assertThat(NoteVerifier.parse(signer.verifier().encoded())).isEqualTo(signer.verifier());
        SignedNote note = SignedNote.sign("hello\n", again);
        assertThat(SignedNote.parse(note.serialize()).verify(signer.verifier()).text())
                .isEqualTo("hello\n");
    }

    @Test
    void textMayContainBlankLines() {
        NoteSigner signer = NoteSigner.parse(SKEY);
        String text = "first\n\nthird\n\n";
        SignedNote note = SignedNote.parse(SignedNote.sign(text, signer).serialize());
        assertThat(note.verify(signer.verifier()).text()).isEqualTo(text);
    }

    @Test
    void tamperedTextFails() {
        String tampered = SIGNED.replace("cryptography", "cryptographY");
        assertFails(tampered, Failure.INVALID_SIGNATURE);
    }

    @Test
    void tamperedSignatureFails() {
        SignedNote note = SignedNote.parse(SIGNED);
        byte[] sig = note.signatures().getFirst().signature();
        sig[10] ^= 1;
        var s = new NoteSignature("PeterNeumann", note.signatures().getFirst().keyId(), sig);
        assertFails(new SignedNote(TEXT, List.of(s)).serialize(), Failure.INVALID_SIGNATURE);
    }

    @Test
    void signatureByAnUnknownKeyOnlyFails() {
        NoteSigner other = NoteSigner.generate("PeterNeumann");
        NoteSigner stranger = NoteSigner.generate("stranger.example");
        // Same name, different key id: unknown, so ignored, so nothing trusted signed.
        assertFails(SignedNote.sign(TEXT, other, stranger).serialize(), Failure.NO_TRUSTED_SIGNATURE);
    }

    @Test
    void unknownSignaturesAreIgnoredNextToATrustedOne() {
        NoteSigner trusted = NoteSigner.parse(SKEY);
        NoteSigner stranger = NoteSigner.generate("stranger.example");
        SignedNote note = SignedNote.sign(TEXT, stranger, trusted);
        assertThat(note.verify(trusted.verifier()).signedBy()).containsExactly(trusted.verifier());
        // A colliding key id under another name is also just unknown.
        var forged = new NoteSignature("other.example", trusted.keyId(), new byte[64]);
        assertThat(note.withSignature(forged).verify(trusted.verifier()).text()).isEqualTo(TEXT);
    }

    @Test
    void malformedNotesAreRejected() {
        assertThatThrownBy(() -> SignedNote.parse(SIGNED.substring(0, SIGNED.length() - 1)))
                .as("missing final newline")
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n"))
                .as("no signatures")
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(SIGNED.replace("\u2014", "-")))
                .as("hyphen instead of em dash")
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(SIGNED.replace("\n\n", "\r\n\n")))
                .as("control character")
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(SIGNED.replace("ZInNIuG", "ZInNIu")))
                .as("bad base64")
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(new byte[] {'a', '\n', '\n', (byte) 0xff, '\n'}))
                .as("invalid UTF-8")
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.sign("no newline", NoteSigner.parse(SKEY)))
                .isInstanceOf(FormatException.class);
        byte[] huge = new byte[SignedNote.MAX_BYTES + 1];
        assertThatThrownBy(() -> SignedNote.parse(huge)).isInstanceOf(FormatException.class);
    }

    @Test
    void tooManySignaturesAreRejected() {
        String line = SIGNED.substring(SIGNED.indexOf('\u2014'));
        String many = TEXT + "\n" + line.repeat(SignedNote.MAX_SIGNATURES + 1);
        assertThatThrownBy(() -> SignedNote.parse(many)).isInstanceOf(FormatException.class);
        // Exactly the limit is fine, and repeated signatures by one key count once.
        String limit = TEXT + "\n" + line.repeat(SignedNote.MAX_SIGNATURES);
        assertThat(SignedNote.parse(limit).verify(NoteVerifier.parse(VKEY)).signedBy())
                .hasSize(1);
    }

    @Test
    void duplicateKnownKeysAreAProgrammingError() {
        NoteVerifier v = NoteVerifier.parse(VKEY);
        assertThatThrownBy(() -> SignedNote.parse(SIGNED).verify(v, v)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signatureBlobCarriesTheKeyIdBigEndian() {
        String b64 = SIGNED.substring(SIGNED.lastIndexOf(' ') + 1, SIGNED.length() - 1);
        byte[] blob = Base64.getDecoder().decode(b64);
        assertThat(blob).hasSize(4 + 64);
        assertThat(new byte[] {blob[0], blob[1], blob[2], blob[3]}).containsExactly(0xc7, 0x4f, 0x20, 0xa3);
    }

    private static void assertFails(String note, Failure failure) {
        assertThatThrownBy(() -> SignedNote.parse(note).verify(NoteVerifier.parse(VKEY)))
                .isInstanceOfSatisfying(
                        VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
