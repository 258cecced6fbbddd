/**
 * Treaty registry: instruments (UN Convention against Cybercrime, Budapest Convention and its
 * protocols, bilateral treaties, regional law), their articles catalogue, parties and treaty actions,
 * reservations and declarations, entry-into-force arithmetic, "which instrument gives a legal basis
 * between A and B on D", and the decision-rule calculator for treaty bodies. Every citation Comity
 * shows comes from this module's data, never from code.
 */
@ApplicationModule(displayName = "Treaty registry")
package org.comity.treaty;

import org.springframework.modulith.ApplicationModule;
