/**
 * The cross-State monitor: follows several Comity logs through their public tlog-tiles resources
 * only ({@link org.comity.transparency.domain.audit.LogAudit} over a
 * {@link org.comity.transparency.domain.audit.LogSource}), keeps its own {@link
 * org.comity.transparency.domain.monitor.MonitorState}, and reports {@link
 * org.comity.transparency.domain.monitor.Finding}s with closed codes and the evidence to re-check them.
 */
package org.comity.transparency.domain.monitor;
