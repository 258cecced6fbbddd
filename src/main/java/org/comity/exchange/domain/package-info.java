/**
 * The exchange's trust rules without Spring or a database: reading and verifying authority cards and
 * signed directories step by step, the node's own key ring, and the view of trusted keys that
 * answers "may this key of this authority sign on this date".
 */
package org.comity.exchange.domain;
