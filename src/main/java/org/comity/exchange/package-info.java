/**
 * Exchange between nodes, step 1: who is who. The node's own authority identity (State, name, role,
 * inbox) with its signing and encryption keys, published as a self-signed authority card; the trust
 * directory of other authorities' keys, learnt only from a directory signed by a configured operator
 * key or from a card an administrator pinned after confirming its fingerprint. Every document is
 * verified step by step and a refusal names its step; nothing is trusted for where it came from.
 * Messages, outbox and inbox come later (docs/exchange.md).
 */
@ApplicationModule(displayName = "Exchange")
package org.comity.exchange;

import org.springframework.modulith.ApplicationModule;
