/** Where evidence is kept: the tables, the blob directory and the node's evidence key files. */
package org.comity.evidence.persistence;
