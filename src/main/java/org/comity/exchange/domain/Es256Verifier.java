package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ES256 verification with Bouncy Castle's P-256 arithmetic, one verifier kept per public key: the point's
 * precomputed multiples are made at the first verification and reused by every later one, so checking
 * a peer's next message or receipt costs a fraction of the JDK's verification, which starts from
 * nothing each time (measured here 0.07–0.2 ms against 0.8 ms; docs/exchange.md, "Measured"). The
 * checks are the standard ones: a 64-byte R‖S signature, r and s in [1, n−1], the point on the curve.
 */
public final class Es256Verifier implements JWSVerifier {

    private static final org.bouncycastle.asn1.x9.X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    /** Trusted keys are few (a directory lists at most 16 per authority); the bound only stops growth. */
    private static final int CACHED = 4096;

    private static final ConcurrentHashMap<ECPublicKey, Es256Verifier> BY_KEY = new ConcurrentHashMap<>();

    private final ECPublicKeyParameters key;
    private final JCAContext context = new JCAContext();

    private Es256Verifier(ECPublicKey key) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256
                || !key.getParams().getOrder().equals(P256.getN())) {
            throw new IllegalArgumentException("not a P-256 key");
        }
        var point = P256.getCurve()
                .validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
        this.key = new ECPublicKeyParameters(point, DOMAIN);
    }

    /** The verifier for this key, made once. @throws IllegalArgumentException if it is not a P-256 point */
    public static Es256Verifier of(ECPublicKey key) {
        var verifier = BY_KEY.get(key);
        if (verifier == null) {
            if (BY_KEY.size() >= CACHED) {
                BY_KEY.clear();
            }
            verifier = BY_KEY.computeIfAbsent(key, Es256Verifier::new);
        }
        return verifier;
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
        var r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        var s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(signingInput);
        } catch (NoSuchAlgorithmException e) {
            throw new JOSEException("SHA-256", e);
        }
        // ECDSASigner refuses r or s outside [1, n−1] itself (the "psychic signature" of zeros fails).
        var ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        return ecdsa.verifySignature(digest, r, s);
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
