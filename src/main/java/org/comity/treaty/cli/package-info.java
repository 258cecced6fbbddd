/** Command-line entry of the treaty registry (status, import), called by {@code org.comity.cli}. */
@NamedInterface("cli")
package org.comity.treaty.cli;

import org.springframework.modulith.NamedInterface;
