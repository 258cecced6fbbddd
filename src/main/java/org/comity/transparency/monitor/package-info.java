/**
 * The cross-State monitor around {@link org.comity.transparency.domain.monitor.Monitor}: reading entry
 * JSON, the findings' JSON form, and on a node the optional scheduled job ({@code comity.monitor.*}),
 * its state table and the public {@code /monitor} pages.
 */
package org.comity.transparency.monitor;
