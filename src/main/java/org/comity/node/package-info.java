/**
 * The node itself: its identity (name, operating authority), its data directory (database files in
 * sandbox mode, keys), and its database: an external PostgreSQL server when one is configured, an
 * embedded sandbox PostgreSQL otherwise. Other modules read the node's identity; nothing here knows
 * about requests or treaties.
 */
@ApplicationModule(displayName = "Node")
package org.comity.node;

import org.springframework.modulith.ApplicationModule;
