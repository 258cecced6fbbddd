/** REST API of the safeguards engine under {@code /api/safeguards}. */
package org.comity.safeguards.api;
