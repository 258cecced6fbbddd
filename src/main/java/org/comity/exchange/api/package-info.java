/** REST endpoints of the exchange: the public authority card, and the administrators' trust actions. */
package org.comity.exchange.api;
