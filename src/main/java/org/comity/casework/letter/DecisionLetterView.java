package org.comity.casework.letter;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the decision letter template prints: the approved decision on an incoming request, told to the
 * requesting State, already formatted for the letter's language. Codes (outcome, grounds, conduct
 * categories, the other basis) stay codes; the template turns them into words from the message bundles.
 * Every other string is user text or derived from it and is printed escaped.
 *
 * @param from the requested authority: this node, which decided
 * @param to the requesting authority the letter answers
 * @param until the postponement's end, formatted; null for any other outcome
 */
public record DecisionLetterView(
        String lang,
        boolean rightToLeft,
        String kind,
        String outcome,
        String reference,
        String shortReference,
        @Nullable String counterpartReference,
        String date,
        String decidedOn,
        LetterView.Party from,
        LetterView.Party to,
        @Nullable String instrument,
        List<List<String>> offences,
        @Nullable String granted,
        @Nullable String refused,
        List<String> conditions,
        List<ReasonLine> reasons,
        @Nullable String until,
        @Nullable BasisLine otherBasis,
        List<ConsultationLine> consultations) {

    /** The direction of a piece of user text, from its first strong character ({@link Bidi#dir}). */
    public String dir(@Nullable String text) {
        return Bidi.dir(text, rightToLeft);
    }

    /** User text as escaped HTML in its own bidi isolate, for the message arguments of a sentence. */
    public String isolate(@Nullable String text) {
        return Bidi.isolate(text, rightToLeft);
    }

    /** @param ground the refusal ground's name; null for a grant's or a postponement's reason */
    public record ReasonLine(@Nullable String ground, String explanation) {}

    /** @param kind the {@link org.comity.casework.domain.Decision.OtherBasis.Kind} name */
    public record BasisLine(String kind, @Nullable String instrument, String explanation) {}

    /** @param summary what was said; null when only the audit trail records the consultation */
    public record ConsultationLine(
            String date, String with, @Nullable String summary) {}
}
