package org.comity.exchange;

import java.security.interfaces.ECPublicKey;

/**
 * A peer's public key the node trusts for one purpose, and why: it was listed in the verified
 * directory, or pinned by an administrator.
 *
 * @param publicJwk the key as a public JWK (JSON), for JOSE libraries
 * @param coSigner a supervisor's key ({@code key_ops: ["verify"]} in the entry): it signs only as the
 *     second signature of an emergency request, never as the authority
 */
public record TrustedKey(
        AuthorityId authority,
        String keyId,
        KeyPurpose purpose,
        ECPublicKey publicKey,
        String publicJwk,
        KeyValidity validity,
        Source source,
        boolean coSigner) {

    /** Where the trust comes from; never from where a document came from, only who signed it. */
    public enum Source {
        DIRECTORY,
        PIN
    }
}
