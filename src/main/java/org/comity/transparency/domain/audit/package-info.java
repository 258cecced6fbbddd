/**
 * The log verifier as a library: {@link org.comity.transparency.domain.audit.LogAudit}'s steps over a
 * {@link org.comity.transparency.domain.audit.LogSource}, each failing with a closed
 * {@link org.comity.transparency.domain.audit.AuditFailure.Code}.
 */
package org.comity.transparency.domain.audit;
