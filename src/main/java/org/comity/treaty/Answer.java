package org.comity.treaty;

/** A three-valued answer: when the records do not decide a question, Comity says so. */
public enum Answer {
    YES,
    NO,
    UNKNOWN;

    /** Both must hold: NO wins, then UNKNOWN. */
    public Answer and(Answer other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : YES;
    }

    /** One suffices: YES wins, then UNKNOWN. */
    public Answer or(Answer other) {
        if (this == YES || other == YES) {
            return YES;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : NO;
    }
}
