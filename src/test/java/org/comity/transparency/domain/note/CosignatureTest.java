package org.comity.transparency.domain.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * {@code cosignature/v1} (C2SP tlog-cosignature) rebuilt here from the spec's text and checked with
 * Bouncy Castle's Ed25519, not the JDK's that signs: key id SHA-256(name || 0x0A || 0x04 || key)[:4],
 * signature u64 timestamp || Ed25519 over "cosignature/v1\ntime <t>\n" + the checkpoint body.
 */
class CosignatureTest {

    static final String BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void theLineIsTheSpecsConstructionAndVerifiesIndependently() throws Exception {
        var key = CosignerKey.generate("witness.example.com/w1");
        NoteSignature signature = key.cosign(BODY, 1679315147L);
        String line = signature.line();
        assertThat(line).startsWith("\u2014 witness.example.com/w1 ");

        byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(blob).hasSize(4 + 8 + 64);
        byte[] publicKey = key.verifier().publicKey();
        var sha = MessageDigest.getInstance("SHA-256");
        sha.update("witness.example.com/w1\n".getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x04);
        byte[] expectedId = Arrays.copyOf(sha.digest(publicKey), 4);
        assertThat(Arrays.copyOfRange(blob, 0, 4)).isEqualTo(expectedId);
        assertThat(ByteBuffer.wrap(blob, 4, 8).getLong()).isEqualTo(1679315147L);

        byte[] message = ("cosignature/v1\ntime 1679315147\n" + BODY).getBytes(StandardCharsets.UTF_8);
        var verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(Arrays.copyOfRange(blob, 12, blob.length)))
                .isTrue();
        // The same signature does not hold for another time line: the timestamp is signed.
        byte[] otherTime = ("cosignature/v1\ntime 1679315148\n" + BODY).getBytes(StandardCharsets.UTF_8);
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(otherTime, 0, otherTime.length);
        assertThat(verifier.verifySignature(Arrays.copyOfRange(blob, 12, blob.length)))
                .isFalse();

        assertThat(key.verifier().verify(BODY, signature)).isEqualTo(1679315147L);
    }

    @Test
    void aCosignatureHoldsForItsCheckpointOnly() {
        var key = CosignerKey.generate("witness.example.com/w1");
        NoteSignature signature = key.cosign(BODY, 1);
        assertThatThrownBy(() -> key.verifier().verify(BODY.replace("20852163", "20852164"), signature))
                .isInstanceOfSatisfying(
                        VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(VerificationException.Failure.INVALID_SIGNATURE));
        var other = CosignerKey.generate("witness.example.com/w1");
        assertThat(other.verifier().matches(signature)).isFalse();
    }

    @Test
    void keysRoundTripAndAreTypedForCosignatures() {
        var key = CosignerKey.generate("witness.example.com/w1");
        var vkey = key.verifier().encoded();
        // name+hash+key: the key's standard base64 may itself hold '+' (about every second key).
        assertThat(Base64.getDecoder().decode(vkey.split("\\+", 3)[2])[0]).isEqualTo((byte) 0x04);
        assertThat(CosignerVerifier.parse(vkey)).isEqualTo(key.verifier());
        assertThat(CosignerKey.parse(key.encodedPrivateKey()).verifier()).isEqualTo(key.verifier());
        assertThat(key.toString()).doesNotContain(key.encodedPrivateKey());
        // A log key (type 0x01) is no cosigner key, and the other way round.
        var logKey = NoteSigner.generate("witness.example.com/w1");
        assertThatThrownBy(() -> CosignerVerifier.parse(logKey.verifier().encoded()))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.parse(vkey)).isInstanceOf(FormatException.class);
    }
}
