package org.comity.evidence;

import java.util.UUID;

/**
 * A package's transfer to a recipient node, as the sender sees it.
 *
 * @param state {@code announced} (bytes being pushed), {@code transmitted} (all bytes accepted),
 *     {@code verified} (the recipient's evidence receipt arrived, naming the manifest digest)
 */
public record TransferView(UUID transferId, UUID packageId, String recipient, String manifestDigest, String state) {}
