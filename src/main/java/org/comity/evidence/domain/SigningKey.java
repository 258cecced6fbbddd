package org.comity.evidence.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.comity.shared.Sha256;

/**
 * The node's evidence signing key (Ed25519): it signs manifests and custody records. Its id is the
 * SHA-256 of its public key, which a verifier compares with the one the node's operator published.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final String keyId;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey.getEncoded();
        this.keyId = keyId(this.publicKey);
    }

    public static SigningKey generate() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** A key from its PKCS#8 and X.509 encodings, as the key file keeps them. */
    public static SigningKey of(byte[] pkcs8, byte[] x509) {
        try {
            var factory = KeyFactory.getInstance("Ed25519");
            var pair = new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(x509)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            var key = new SigningKey(pair.getPrivate(), pair.getPublic());
            // A private key that does not match its stored public key signs what nobody can verify.
            verify(
                    x509,
                    "probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    key.sign("probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the evidence signing key file is not an Ed25519 key", e);
        }
    }

    public byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String keyId() {
        return keyId;
    }

    public static String keyId(byte[] publicKey) {
        return Sha256.hex(publicKey);
    }

    public byte[] sign(byte[] data) {
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the evidence key", e);
        }
    }

    public SignedManifest sign(Manifest manifest) {
        return new SignedManifest(manifest, keyId, sign(manifest.canonical()));
    }

    /** Verifies an Ed25519 signature; throws {@link SignatureRefused} if it does not hold. */
    public static void verify(byte[] publicKey, byte[] data, byte[] signatureBytes) {
        boolean valid;
        try {
            var key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey));
            var signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(data);
            valid = signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SignatureRefused("the signature or the public key is malformed");
        }
        if (!valid) {
            throw new SignatureRefused("the signature does not match");
        }
    }
}
