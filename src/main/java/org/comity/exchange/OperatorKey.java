package org.comity.exchange;

/**
 * A directory operator's verifier key the node is configured with: only a directory signed by one of
 * these is trusted.
 *
 * @param fingerprint the key's SHA-256 thumbprint in hex groups, to compare with the operator's
 */
public record OperatorKey(String keyId, String fingerprint) {}
