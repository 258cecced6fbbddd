/**
 * Reading and writing treaty data files: the articles catalogue and rules (YAML), States and treaty
 * actions (CSV). Every problem is reported with its line so a reviewer can fix a file in one pass.
 */
package org.comity.treaty.data;
