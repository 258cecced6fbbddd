package org.comity.exchange;

/**
 * One of the node's own keys, public facts only.
 *
 * @param current the key of its purpose in use now (older ones stay published until they expire)
 * @param fingerprint the key's SHA-256 thumbprint in hex groups, to read to a peer out of band
 */
public record OwnKey(String keyId, KeyPurpose purpose, KeyValidity validity, boolean current, String fingerprint) {}
