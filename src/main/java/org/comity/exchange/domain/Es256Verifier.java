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
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ES256 verification with {@link P256}'s arithmetic and Bouncy Castle's ECDSA verification: u₁G + u₂Q
 * is one interleaved multiplication of the two points (Shamir's trick, {@code
 * ECAlgorithms.sumOfTwoMultiplies}), whose precomputed multiples (wNAF, and once a point is met again
 * its fixed-point table) stay with the generator and with the trusted peer's point that {@link
 * P256#trusted} keeps. Its lookups are variable-time, which is sound here and faster than two
 * constant-time comb multiplications: every input of a verification is public (docs/exchange.md,
 * "Measured"). The checks are the standard ones: a 64-byte R‖S signature, r and s in [1, n−1] (which
 * refuses the "psychic signature" of zeros), the point on the curve, and R = u₁G + u₂Q not infinity
 * with x(R) ≡ r (mod n). A high s is accepted, as by every ECDSA verifier: ES256 (RFC 7518) does not
 * ask for low s, and a message's identity is its id, not its signature's bytes.
 */
public final class Es256Verifier implements JWSVerifier {

    private final ECPublicKeyParameters key;
    private final JCAContext context = new JCAContext();

    private Es256Verifier(ECPoint point) {
        this.key = new ECPublicKeyParameters(point, P256.DOMAIN);
    }

    /** The verifier for this key. @throws IllegalArgumentException if it is not a P-256 point */
    public static Es256Verifier of(ECPublicKey key) {
        return new Es256Verifier(P256.trusted(key));
    }

    /**
     * Returns whether the signature is this key's over the input, as Nimbus's {@link JWSVerifier} asks;
     * its callers ({@code SignedDocuments}, {@code Messages}) turn {@code false} into the refusal of the
     * step.
     */
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
        // Checked here as well as by ECDSASigner, so that the rule does not rest on a library's internals.
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        var ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        // The digest is as long as n (256 bits), so it is the integer e as it is.
        return ecdsa.verifySignature(P256.sha256(signingInput), r, s);
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
