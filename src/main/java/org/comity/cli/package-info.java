/**
 * The node's command line for administrators and verifiers: {@code java -jar comity.jar <command> …}.
 * Commands that need the database start the application context without its web server; the log
 * verifier needs nothing but a node's public URL. Without a command word the jar starts the node.
 */
@ApplicationModule(displayName = "Command line")
package org.comity.cli;

import org.springframework.modulith.ApplicationModule;
