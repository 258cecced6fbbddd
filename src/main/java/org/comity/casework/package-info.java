/**
 * Casework: requests for every kind of assistance, sent and received, from draft to closure; their
 * lifecycle, deadlines and clocks, four-eyes decisions, assignment, comments, attachments and the
 * append-only audit trail. It sits near the top of the dependency graph: only evidence depends on it
 * (a package belongs to a request, so evidence asks casework whether a request exists and who may see
 * it); it announces what happens to a request with events that safeguards and transparency consume.
 */
@ApplicationModule(displayName = "Casework")
package org.comity.casework;

import org.springframework.modulith.ApplicationModule;
