/**
 * Evidence packages, their items, the signed manifest and the custody chain as plain Java (no Spring,
 * SQL or JSON), with the streaming encryption of items and the interfaces for where blobs and keys
 * are kept.
 */
package org.comity.evidence.domain;
