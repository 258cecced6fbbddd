/** Command-line entry of the treaty registry (status, import). */
package org.comity.treaty.cli;
