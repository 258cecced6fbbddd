package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * P-256 arithmetic for the exchange's hot path, with Bouncy Castle's low-level classes (no provider,
 * no key factories, no DER): a multiplication of a point the node meets again — the generator (key
 * generation, signing) or a peer's public key (encrypting to it) — uses a fixed-base comb table made
 * once for that point and kept with it; verifying a peer's signature multiplies the generator and the
 * peer's kept point together ({@link Es256Verifier}); only the one point that is new every time, a
 * message's ephemeral key at the receiver, is multiplied from nothing. The operations
 * are the standard ones (ECDSA with a random nonce, ECDH's shared x coordinate), so peers may use any
 * implementation; docs/exchange.md, "Measured", has the costs.
 */
final class P256 {

    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    /** Trusted keys are few (a directory lists at most 16 per authority); the bound only stops growth. */
    private static final int CACHED = 4096;

    private static final ConcurrentHashMap<java.security.spec.ECPoint, ECPoint> POINTS = new ConcurrentHashMap<>();
    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();
    private static final SecureRandom RANDOM = new SecureRandom();

    private P256() {}

    /** A key pair made for one message: the private scalar and its public point. */
    record Ephemeral(BigInteger d, ECPoint q) {

        /** The public point as the JWK a JWE header's {@code epk} carries. */
        ECKey jwk() {
            return new ECKey.Builder(
                            Curve.P_256,
                            Base64URL.encode(q.getAffineXCoord().getEncoded()),
                            Base64URL.encode(q.getAffineYCoord().getEncoded()))
                    .build();
        }
    }

    /**
     * A peer's point, checked on the curve once and kept with its precomputed multiples.
     *
     * @throws IllegalArgumentException if it is not a point of P-256
     */
    static ECPoint trusted(BigInteger x, BigInteger y) {
        var key = new java.security.spec.ECPoint(x, y);
        var point = POINTS.get(key);
        if (point == null) {
            if (POINTS.size() >= CACHED) {
                POINTS.clear();
            }
            point = POINTS.computeIfAbsent(key, k -> onCurve(k.getAffineX(), k.getAffineY()));
        }
        return point;
    }

    /** @throws IllegalArgumentException if the public key is not a point of P-256 */
    static ECPoint trusted(java.security.interfaces.ECPublicKey key) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256
                || !key.getParams().getOrder().equals(CURVE.getN())) {
            throw new IllegalArgumentException("not a P-256 key");
        }
        return trusted(key.getW().getAffineX(), key.getW().getAffineY());
    }

    /**
     * A point met once (a message's ephemeral key), checked: coordinates in the field and on the curve.
     * P-256's cofactor is 1, so every point on the curve other than infinity is in the prime-order group.
     *
     * @throws IllegalArgumentException if it is not
     */
    static ECPoint onCurve(BigInteger x, BigInteger y) {
        return CURVE.getCurve().validatePoint(x, y);
    }

    /** A fresh key pair: a uniformly random scalar in [1, n−1] times the generator. */
    static Ephemeral ephemeral() {
        var d = BigIntegers.createRandomInRange(BigInteger.ONE, CURVE.getN().subtract(BigInteger.ONE), RANDOM);
        return new Ephemeral(d, COMB.multiply(DOMAIN.getG(), d).normalize());
    }

    /**
     * ECDH: the x coordinate of {@code d·q}, 32 bytes, as a JOSE shared secret Z.
     *
     * @param precomputed whether {@code q} is a point met again (kept, multiplied by its comb table) or
     *     one met once (multiplied without a table, which for one use is cheaper)
     */
    static SecretKey agree(BigInteger d, ECPoint q, boolean precomputed) {
        var shared = (precomputed ? COMB.multiply(q, d) : q.multiply(d)).normalize();
        if (shared.isInfinity()) {
            throw new IllegalArgumentException("the key agreement gave the point at infinity");
        }
        return new SecretKeySpec(shared.getAffineXCoord().getEncoded(), "AES");
    }

    /** The private scalar of a P-256 JWK. @throws IllegalArgumentException if it has none */
    static BigInteger privateScalar(ECKey key) {
        if (!Curve.P_256.equals(key.getCurve()) || key.getD() == null) {
            throw new IllegalArgumentException("not a private P-256 key");
        }
        return key.getD().decodeToBigInteger();
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256", e);
        }
    }

    /** An ES256 signer (the JWS R‖S form) for a private P-256 key. */
    static JWSSigner signer(ECKey key) {
        return new Signer(privateScalar(key));
    }

    private static final class Signer implements JWSSigner {

        private final BigInteger d;
        private final JCAContext context = new JCAContext();

        private Signer(BigInteger d) {
            this.d = d;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
                throw new JOSEException("only ES256");
            }
            // Bouncy Castle's ECDSA multiplies the generator of DOMAIN with its comb table (made once).
            var ecdsa = new ECDSASigner();
            ecdsa.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, DOMAIN), RANDOM));
            BigInteger[] rs = ecdsa.generateSignature(sha256(signingInput));
            byte[] signature = new byte[64];
            BigIntegers.asUnsignedByteArray(rs[0], signature, 0, 32);
            BigIntegers.asUnsignedByteArray(rs[1], signature, 32, 32);
            return Base64URL.encode(signature);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.ES256);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
