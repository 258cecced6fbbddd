/**
 * {@code comity evidence ...}: exports a package's custody chain from the node's database, and
 * verifies an exported chain on any machine, with no database and no Spring context. Called by
 * {@code org.comity.cli}.
 */
@NamedInterface("cli")
package org.comity.evidence.cli;

import org.springframework.modulith.NamedInterface;
