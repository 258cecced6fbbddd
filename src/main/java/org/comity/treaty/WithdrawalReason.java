package org.comity.treaty;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a treaty-action record was withdrawn: a closed vocabulary, so that the public list can say why
 * without showing the administrator's free-text note.
 */
public enum WithdrawalReason {
    /** The event happened, on another date. */
    WRONG_DATE,
    /** The event concerns another State or organisation. */
    WRONG_PARTY,
    /** Another kind of action (an accession recorded as a ratification, a signature as a ratification). */
    WRONG_TYPE,
    /** The event concerns another instrument. */
    WRONG_INSTRUMENT,
    /** Recorded as confirmed while only reported, or the reverse. */
    WRONG_STANDING,
    /** No instrument was deposited: the record anticipated a deposit that did not take place. */
    NOT_DEPOSITED,
    /** The same event is recorded twice (under two keys, say a known and an unknown date). */
    DUPLICATE;

    /** The kebab-case code used in the API and the database ({@code wrong-date}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<WithdrawalReason> fromCode(String code) {
        for (WithdrawalReason reason : values()) {
            if (reason.code().equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
