/** REST endpoints of the treaty registry. */
package org.comity.treaty.api;
