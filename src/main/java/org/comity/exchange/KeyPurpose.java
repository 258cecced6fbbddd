package org.comity.exchange;

/**
 * What a key is for: signing (JWS ES256, P-256) or receiving encrypted messages (JWE ECDH-ES with
 * A256GCM, P-256). A key is for one purpose only, so a signature key never decrypts.
 */
public enum KeyPurpose {
    SIGNING("sig", "ES256"),
    ENCRYPTION("enc", "ECDH-ES");

    private final String use;
    private final String algorithm;

    KeyPurpose(String use, String algorithm) {
        this.use = use;
        this.algorithm = algorithm;
    }

    /** The JWK {@code use} value. */
    public String use() {
        return use;
    }

    /** The JWK {@code alg} value a key of this purpose must carry. */
    public String algorithm() {
        return algorithm;
    }
}
