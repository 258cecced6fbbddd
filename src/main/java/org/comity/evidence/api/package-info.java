/** The evidence API: packages, resumable uploads (tus 1.0 core and creation), downloads, custody. */
package org.comity.evidence.api;
