/**
 * Policy packs and the citation-key file: loading, checking (every problem with its line) and, for
 * packs, compiling their rules written in the Common Expression Language (CEL).
 */
package org.comity.safeguards.policy;
