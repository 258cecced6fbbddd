/**
 * Casework: requests for every kind of assistance, sent and received, from draft to closure; their
 * lifecycle, deadlines and clocks, four-eyes decisions, assignment, comments, attachments and the
 * append-only audit trail. It is the top of the dependency graph: nothing depends on casework; it
 * announces what happens to a request with events that safeguards and transparency consume.
 */
@ApplicationModule(displayName = "Casework")
package org.comity.casework;

import org.springframework.modulith.ApplicationModule;
