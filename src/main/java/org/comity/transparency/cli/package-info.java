/**
 * The log verifier anyone can run ({@code comity log verify --node URL}): it needs nothing but the
 * node's public endpoints, no database and no Spring context. Called by {@code org.comity.cli}.
 */
@NamedInterface("cli")
package org.comity.transparency.cli;

import org.springframework.modulith.NamedInterface;
