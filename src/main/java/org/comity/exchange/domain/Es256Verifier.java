package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ES256 verification with {@link P256}'s arithmetic: both multiplications are of points met again (the
 * generator, a trusted peer key), each with its comb table made at its first use and kept, so
 * checking a peer's next message or receipt costs a fraction of the JDK's verification, which starts
 * from nothing each time (docs/exchange.md, "Measured"). The checks are the standard ones: a 64-byte
 * R‖S signature, r and s in [1, n−1], the point on the curve, and R = u₁G + u₂Q not infinity with
 * x(R) ≡ r (mod n).
 */
public final class Es256Verifier implements JWSVerifier {

    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    private final ECPoint key;
    private final JCAContext context = new JCAContext();

    private Es256Verifier(ECPoint key) {
        this.key = key;
    }

    /** The verifier for this key. @throws IllegalArgumentException if it is not a P-256 point */
    public static Es256Verifier of(ECPublicKey key) {
        return new Es256Verifier(P256.trusted(key));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())
                || (header.getCriticalParams() != null
                        && !header.getCriticalParams().isEmpty())) {
            return false;
        }
        byte[] rs = signature.decode();
        if (rs.length != 64) {
            return false;
        }
        var n = P256.CURVE.getN();
        var r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        var s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        // Refusing r or s outside [1, n−1] refuses the "psychic signature" of zeros.
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        // The digest is as long as n (256 bits), so it is the integer e as it is.
        var e = new BigInteger(1, P256.sha256(signingInput));
        var w = BigIntegers.modOddInverse(n, s);
        var u1 = e.multiply(w).mod(n);
        var u2 = r.multiply(w).mod(n);
        var point = COMB.multiply(P256.DOMAIN.getG(), u1)
                .add(COMB.multiply(key, u2))
                .normalize();
        return !point.isInfinity()
                && point.getAffineXCoord().toBigInteger().mod(n).equals(r);
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
