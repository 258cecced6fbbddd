/**
 * The treaty rules as pure Java: the articles catalogue, entry-into-force arithmetic, "in force between
 * A and B on D" and the decision-rule calculator. No Spring, database, JSON or web types: every answer
 * is a function of the catalogue, the treaty actions and the date, so it can be tested exhaustively.
 */
package org.comity.treaty.domain;
