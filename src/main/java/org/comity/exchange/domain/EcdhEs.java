package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWECryptoParts;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AAD;
import com.nimbusds.jose.crypto.impl.ECDHCryptoProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;

/**
 * JWE ECDH-ES on P-256 with {@link P256}'s arithmetic; the key derivation (Concat KDF) and the
 * content encryption stay Nimbus's. Sealing makes the ephemeral key with the generator's comb table
 * and agrees with the recipient's point, kept with its own table; opening checks the sender's
 * ephemeral point on the curve and agrees with it. Replaces Nimbus's {@code ECDHEncrypter} and
 * {@code ECDHDecrypter}, which go through a JCA provider's key-pair generator, key factory and key
 * agreement for each message.
 */
final class EcdhEs {

    private EcdhEs() {}

    static JWEEncrypter encrypter(ECKey recipient) throws JOSEException {
        return new Encrypter(recipient);
    }

    static JWEDecrypter decrypter(ECKey own) throws JOSEException {
        return new Decrypter(own);
    }

    private static final class Encrypter extends ECDHCryptoProvider implements JWEEncrypter {

        private final ECPoint recipient;

        private Encrypter(ECKey recipient) throws JOSEException {
            super(Curve.P_256, null);
            if (!Curve.P_256.equals(recipient.getCurve())) {
                throw new JOSEException("not a P-256 key");
            }
            try {
                this.recipient = P256.trusted(
                        recipient.getX().decodeToBigInteger(), recipient.getY().decodeToBigInteger());
            } catch (IllegalArgumentException e) {
                throw new JOSEException("the recipient's key is not a P-256 point", e);
            }
        }

        @Override
        public Set<Curve> supportedEllipticCurves() {
            return Set.of(Curve.P_256);
        }

        @Override
        public JWECryptoParts encrypt(JWEHeader header, byte[] clearText, byte[] aad) throws JOSEException {
            var ephemeral = P256.ephemeral();
            var updated = new JWEHeader.Builder(header)
                    .ephemeralPublicKey(ephemeral.jwk())
                    .build();
            var z = P256.agree(ephemeral.d(), recipient, true);
            // As Nimbus's own encrypter: the AAD of the header given becomes that of the header sent.
            byte[] sentAad = Arrays.equals(AAD.compute(header), aad) ? AAD.compute(updated) : aad;
            return encryptWithZ(updated, z, clearText, sentAad);
        }
    }

    private static final class Decrypter extends ECDHCryptoProvider implements JWEDecrypter {

        private final BigInteger d;

        private Decrypter(ECKey own) throws JOSEException {
            super(Curve.P_256, null);
            try {
                this.d = P256.privateScalar(own);
            } catch (IllegalArgumentException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<Curve> supportedEllipticCurves() {
            return Set.of(Curve.P_256);
        }

        @Override
        public byte[] decrypt(
                JWEHeader header,
                Base64URL encryptedKey,
                Base64URL iv,
                Base64URL cipherText,
                Base64URL authTag,
                byte[] aad)
                throws JOSEException {
            if (header.getCriticalParams() != null
                    && !header.getCriticalParams().isEmpty()) {
                throw new JOSEException("no critical header parameter is understood");
            }
            if (!(header.getEphemeralPublicKey() instanceof ECKey epk) || !Curve.P_256.equals(epk.getCurve())) {
                throw new JOSEException("the header has no P-256 ephemeral key (epk)");
            }
            ECPoint point;
            try {
                point = P256.onCurve(epk.getX().decodeToBigInteger(), epk.getY().decodeToBigInteger());
            } catch (IllegalArgumentException e) {
                throw new JOSEException("the ephemeral key is not a point of P-256", e);
            }
            var z = P256.agree(d, point, false);
            return decryptWithZ(header, aad, z, encryptedKey, iv, cipherText, authTag);
        }
    }
}
