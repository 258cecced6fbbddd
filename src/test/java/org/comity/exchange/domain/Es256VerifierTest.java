package org.comity.exchange.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.comity.exchange.KeyPurpose;
import org.junit.jupiter.api.Test;

/** The cached ES256 verifier accepts exactly what a standard verifier accepts, whatever it saw before. */
class Es256VerifierTest {

    static final ECKey KEY = KeyRing.generate(KeyPurpose.SIGNING, Instant.now(), Duration.ofDays(1));
    static final ECKey OTHER = KeyRing.generate(KeyPurpose.SIGNING, Instant.now(), Duration.ofDays(1));

    static JWSObject signed(ECKey key, String text) throws Exception {
        var jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), new Payload(text));
        jws.sign(new ECDSASigner(key));
        return jws;
    }

    static boolean verifies(ECKey key, JWSObject jws, byte[] signature) throws Exception {
        return Es256Verifier.of(key.toECPublicKey())
                .verify(jws.getHeader(), jws.getSigningInput(), Base64URL.encode(signature));
    }

    @Test
    void everySignatureByTheKeyVerifiesAndEveryAlteredOneFailsAgainAndAgain() throws Exception {
        for (int i = 0; i < 40; i++) {
            var jws = signed(KEY, "message " + i);
            byte[] signature = jws.getSignature().decode();
            assertThat(verifies(KEY, jws, signature)).as("genuine %d", i).isTrue();
            byte[] flipped = signature.clone();
            flipped[i % 64] ^= 1;
            assertThat(verifies(KEY, jws, flipped)).as("altered %d", i).isFalse();
            assertThat(verifies(OTHER, jws, signature)).as("other key %d", i).isFalse();
        }
        // The point (and with it its precomputed multiples) is made once per key.
        assertThat(P256.trusted(KEY.toECPublicKey())).isSameAs(P256.trusted(KEY.toECPublicKey()));
    }

    @Test
    void ourSignaturesVerifyWithTheJdkAndNotWithAnotherKeyOrOverOtherBytes() throws Exception {
        for (int i = 0; i < 20; i++) {
            var jws = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(KEY.getKeyID())
                            .build(),
                    new Payload("receipt " + i));
            jws.sign(P256.signer(KEY));
            assertThat(jws.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(KEY.toPublicJWK())))
                    .as("JDK verifies %d", i)
                    .isTrue();
            assertThat(jws.verify(Es256Verifier.of(KEY.toECPublicKey()))).isTrue();
            assertThat(jws.verify(Es256Verifier.of(OTHER.toECPublicKey()))).isFalse();
            var other = new JWSObject(jws.getHeader(), new Payload("receipt " + (i + 1)));
            assertThat(Es256Verifier.of(KEY.toECPublicKey())
                            .verify(other.getHeader(), other.getSigningInput(), jws.getSignature()))
                    .isFalse();
        }
    }

    @Test
    void zeroOrOutOfRangeOrMisSizedSignaturesAndOtherAlgorithmsFail() throws Exception {
        var jws = signed(KEY, "message");
        byte[] signature = jws.getSignature().decode();
        assertThat(verifies(KEY, jws, new byte[64])).as("r = s = 0").isFalse();
        var ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(verifies(KEY, jws, ones)).as("r, s above n").isFalse();
        assertThat(verifies(KEY, jws, Arrays.copyOf(signature, 63))).isFalse();
        assertThat(verifies(KEY, jws, Arrays.copyOf(signature, 65))).isFalse();
        var es384 = new JWSHeader.Builder(JWSAlgorithm.ES384).build();
        assertThat(Es256Verifier.of(KEY.toECPublicKey())
                        .verify(es384, jws.getSigningInput(), Base64URL.encode(signature)))
                .isFalse();
        var critical = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .criticalParams(java.util.Set.of("x"))
                .customParam("x", 1)
                .build();
        assertThat(Es256Verifier.of(KEY.toECPublicKey())
                        .verify(critical, jws.getSigningInput(), Base64URL.encode(signature)))
                .isFalse();
    }
}
