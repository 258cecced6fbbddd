/**
 * The directory operator's tool ({@code comity exchange ...}): creates an operator key, signs a
 * directory, and shows a node's card with its fingerprint. It needs no database and no Spring context.
 * Called by {@code org.comity.cli}.
 */
@NamedInterface("cli")
package org.comity.exchange.cli;

import org.springframework.modulith.NamedInterface;
