/**
 * Safeguards engine: a deterministic, explainable assessment of one version of a request against the
 * legal basis, scope, dual criminality, human-rights refusal grounds and the requested State's policy
 * pack. Each rule is a small named class; each finding carries its severity, citations and the fields
 * that triggered it. Same inputs, same findings.
 */
@ApplicationModule(displayName = "Safeguards")
package org.comity.safeguards;

import org.springframework.modulith.ApplicationModule;
