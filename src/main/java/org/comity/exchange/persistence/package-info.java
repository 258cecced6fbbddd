/** Where the exchange keeps its signed documents (PostgreSQL) and its own private keys (owner-only files). */
package org.comity.exchange.persistence;
