package org.comity.casework.letter;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the letter template prints: the request's content only (never notes, comments, assessments or
 * the audit trail), already formatted for the letter's language. Enum values stay names; the template
 * turns them into words from the message bundles. Every string here is user text or derived from it
 * and is printed escaped.
 *
 * @param draft the request has not been approved for sending: the letter says so at its top
 */
public record LetterView(
        String lang,
        boolean rightToLeft,
        String kind,
        boolean draft,
        String reference,
        String shortReference,
        @Nullable String counterpartReference,
        long version,
        String date,
        Party requesting,
        Party requested,
        LegalBasis legalBasis,
        List<OffenceLine> offences,
        @Nullable String facts,
        List<SubjectLine> subjects,
        @Nullable DataLine data,
        @Nullable String purpose,
        String urgency,
        @Nullable String imminentRisk,
        boolean coercive,
        @Nullable SafeguardsLine safeguards,
        List<String> compelled,
        boolean deathPenaltyAssurances,
        boolean confidential,
        @Nullable String confidentialUntil,
        @Nullable ConditionsLine conditions,
        List<ContactLine> contacts) {

    /**
     * The direction of a piece of user text, from its first strong character: a French fact in an
     * Arabic letter still reads left to right, an Arabic name in an English one right to left.
     */
    public String dir(@Nullable String text) {
        return Bidi.dir(text, rightToLeft);
    }

    /** User text as escaped HTML in its own bidi isolate, for the message arguments of a sentence. */
    public String isolate(@Nullable String text) {
        return Bidi.isolate(text, rightToLeft);
    }

    /** An authority and its State's name (the code when the registry does not know it). */
    public record Party(
            @Nullable String authority, @Nullable String state) {}

    /**
     * @param citation the article, such as {@code 44} or {@code 40(4)}, without the instrument's registry
     *     id; null when no article is listed for this instrument and kind
     */
    public record LegalBasis(
            @Nullable String instrument,
            @Nullable String citation,
            @Nullable String heading) {}

    /** @param conduct the conduct category codes, sorted; the template prints their names */
    public record OffenceLine(
            @Nullable String provision,
            List<String> conduct,
            @Nullable Integer maximumMonths) {}

    public record SubjectLine(
            @Nullable String role,
            @Nullable String name,
            @Nullable String nationality,
            @Nullable String location,
            List<IdentifierLine> identifiers) {}

    public record IdentifierLine(
            @Nullable String type,
            @Nullable String value,
            @Nullable String observed) {}

    public record DataLine(
            List<String> categories,
            @Nullable String from,
            @Nullable String to,
            @Nullable String provider,
            boolean allData,
            boolean unidentifiedAccounts) {}

    public record SafeguardsLine(
            @Nullable String authorisingBody,
            boolean judicialOrIndependent,
            @Nullable String legalGrounds,
            @Nullable String proportionality,
            @Nullable Integer durationDays) {}

    public record ConditionsLine(
            boolean speciality,
            boolean onwardTransferNeedsConsent,
            @Nullable String other,
            List<String> onwardTo) {}

    /** A point of contact of the requesting State from its profile: role code, name and channels. */
    public record ContactLine(String role, String name, List<String> channels) {}
}
