/**
 * The safeguards engine as pure Java: the context one assessment reads, one small class per rule, the
 * policy-pack model and the engine that runs the rules and orders their findings.
 */
package org.comity.safeguards.domain;
