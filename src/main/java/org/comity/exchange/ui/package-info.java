/**
 * Console pages of the exchange: this node's authority identity and keys, the trust directory and its
 * operator keys, the peers it knows, and bilateral pins (docs/console.md, "Exchange"). They call the
 * facades the REST API calls, audited with channel {@code console}.
 */
package org.comity.exchange.ui;
