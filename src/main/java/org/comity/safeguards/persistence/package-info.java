/** Assessments with their inputs and versions, subjects seen and persecution refusals, in PostgreSQL. */
package org.comity.safeguards.persistence;
