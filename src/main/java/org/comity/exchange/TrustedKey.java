package org.comity.exchange;

import java.security.interfaces.ECPublicKey;

/**
 * A peer's public key the node trusts for one purpose, and why: it was listed in the verified
 * directory, or pinned by an administrator.
 *
 * @param publicJwk the key as a public JWK (JSON), for JOSE libraries
 */
public record TrustedKey(
        AuthorityId authority,
        String keyId,
        KeyPurpose purpose,
        ECPublicKey publicKey,
        String publicJwk,
        KeyValidity validity,
        Source source) {

    /** Where the trust comes from; never from where a document came from, only who signed it. */
    public enum Source {
        DIRECTORY,
        PIN
    }
}
