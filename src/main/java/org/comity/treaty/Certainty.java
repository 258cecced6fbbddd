package org.comity.treaty;

/**
 * How sure the articles catalogue is of an article number and heading: {@code C} read in an official
 * text, {@code P} from a reliable secondary source, {@code V} not verified. Shown with every citation so
 * nobody mistakes a commonly cited number for a checked one.
 */
public enum Certainty {
    C,
    P,
    V
}
