/** PostgreSQL adapters of the treaty registry: what administrators added, append-only. */
package org.comity.treaty.persistence;
