package org.comity.evidence.domain;

import java.util.Objects;

/**
 * A manifest with the node's Ed25519 signature over its canonical bytes.
 *
 * @param keyId the SHA-256 of the signing key's public key (X.509 encoding), to check it was the node's
 */
public record SignedManifest(Manifest manifest, String keyId, byte[] signature) {

    public SignedManifest {
        Objects.requireNonNull(manifest);
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Checks the signature with the given public key; throws if it does not hold. */
    public void verify(byte[] publicKey) {
        if (!SigningKey.keyId(publicKey).equals(keyId)) {
            throw new SignatureRefused("the manifest was signed by key " + keyId + ", not the key given");
        }
        SigningKey.verify(publicKey, manifest.canonical(), signature);
    }
}
