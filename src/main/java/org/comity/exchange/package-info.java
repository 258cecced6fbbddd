/**
 * Exchange between nodes. Who is who: the node's own authority identity (State, name, role, inbox)
 * with its signing and encryption keys, published as a self-signed authority card; the trust
 * directory of other authorities' keys, learnt only from a directory signed by a configured operator
 * key or from a card an administrator pinned after confirming its fingerprint. Messages: envelopes
 * signed by the sending authority (and a supervisor, for an emergency) and encrypted to the recipient,
 * sent through an outbox in the caller's transaction ({@link org.comity.exchange.MessageExchange#send}),
 * delivered with retries, verified step by step at the inbox and answered with a signed receipt;
 * {@link org.comity.exchange.MessageAccepted} tells other modules. Every document and message is
 * verified step by step and a refusal names its step; nothing is trusted for where it came from
 * (docs/exchange.md).
 */
@ApplicationModule(displayName = "Exchange")
package org.comity.exchange;

import org.springframework.modulith.ApplicationModule;
