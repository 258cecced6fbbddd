package org.comity.transparency;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * What the public may know about one request event. Every text field is a category code (kebab-case,
 * at most 64 characters), never free text, so no name, case number or fact summary can end up in the
 * public log; lists are sorted and without duplicates so equal metadata always encodes the same way.
 *
 * @param event what happened
 * @param requesting the State that asked
 * @param requested the State asked
 * @param kind the kind of request, such as {@code preservation} or {@code stored-data}
 * @param legalBasis the articles relied on, as citation codes such as {@code uncc-art-42}
 * @param offenceCategories the conduct categories of the offences, such as {@code illegal-access}
 * @param emergency whether the request was made as an emergency
 * @param outcome the decision, only for {@link EventType#REQUEST_DECIDED}
 * @param refusalGrounds refusal-ground categories, only for refusals (in whole or in part)
 * @param day the day of the event (UTC); the time of day is deliberately not published
 * @param basis for a grant (in whole or in part) against a bar that only says the treaty does not
 *     oblige, the other basis it rests on: {@code reciprocity}, {@code domestic-law} or {@code
 *     other-instrument} ({@link #BASES}); null otherwise, and absent from the entry
 * @param pairing the random token both States' logs record for one request travelling between their
 *     nodes ({@link #PAIRING}), so that "sent" in one log can be matched with "received" in the other;
 *     null for a request that did not travel through the exchange, and then absent from the entry
 * @param evidence for an evidence event ({@link EventType#namesEvidence()}), the SHA-256 of the
 *     package's signed manifest in lower-case hex (a digest, never content); null otherwise
 */
public record PublicMetadata(
        EventType event,
        CountryCode requesting,
        CountryCode requested,
        String kind,
        List<String> legalBasis,
        List<String> offenceCategories,
        boolean emergency,
        @Nullable Outcome outcome,
        List<String> refusalGrounds,
        LocalDate day,
        @Nullable String basis,
        @Nullable String pairing,
        @Nullable String evidence) {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    /** The closed list of other bases a grant may rest on. */
    public static final java.util.Set<String> BASES =
            java.util.Set.of("reciprocity", "domestic-law", "other-instrument");

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    /**
     * A pairing token: base64url, at least 22 characters (128 random bits, so it cannot be guessed) and
     * at most 128. Being random, it says nothing about the request.
     */
    public static final Pattern PAIRING = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    /** At most this many codes per list: entries must stay well below the 64 KiB tile limit. */
    public static final int MAX_CODES = 32;

    public PublicMetadata {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(requesting, "requesting");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(day, "day");
        checkCode(kind, "kind");
        legalBasis = codes(legalBasis, "legalBasis");
        offenceCategories = codes(offenceCategories, "offenceCategories");
        refusalGrounds = codes(refusalGrounds, "refusalGrounds");
        if ((event == EventType.REQUEST_DECIDED) != (outcome != null)) {
            throw new IllegalArgumentException("an outcome is given for decisions, and only for them");
        }
        boolean refusing = outcome == Outcome.REFUSED || outcome == Outcome.GRANTED_IN_PART;
        if (!refusing && !refusalGrounds.isEmpty()) {
            throw new IllegalArgumentException("refusal grounds only accompany a refusal in whole or in part");
        }
        if (basis != null
                && (!BASES.contains(basis) || (outcome != Outcome.GRANTED && outcome != Outcome.GRANTED_IN_PART))) {
            throw new IllegalArgumentException(
                    "basis is reciprocity, domestic-law or other-instrument, and only accompanies a grant");
        }
        if (pairing != null && !PAIRING.matcher(pairing).matches()) {
            throw new IllegalArgumentException("pairing is 22 to 128 base64url characters");
        }
        if (event.namesEvidence() != (evidence != null)) {
            throw new IllegalArgumentException("a manifest digest is given for evidence events, and only for them");
        }
        if (evidence != null && !DIGEST.matcher(evidence).matches()) {
            throw new IllegalArgumentException("evidence must be a SHA-256 digest in lower-case hex");
        }
        if (day.getYear() < 1000 || day.getYear() > 9999) {
            throw new IllegalArgumentException("day must be a four-digit year date");
        }
    }

    /**
     * The metadata every entry has, without the optional keys ({@code basis}, {@code pairing},
     * {@code evidence}): byte for byte what every entry was before those keys existed. Add them with
     * {@link #withBasis}, {@link #withPairing} and {@link #withEvidence}; an evidence event needs its
     * digest, so it is built with the canonical constructor.
     */
    public static PublicMetadata of(
            EventType event,
            CountryCode requesting,
            CountryCode requested,
            String kind,
            List<String> legalBasis,
            List<String> offenceCategories,
            boolean emergency,
            @Nullable Outcome outcome,
            List<String> refusalGrounds,
            LocalDate day) {
        return new PublicMetadata(
                event,
                requesting,
                requested,
                kind,
                legalBasis,
                offenceCategories,
                emergency,
                outcome,
                refusalGrounds,
                day,
                null,
                null,
                null);
    }

    /** The same metadata with {@code basis} as the other basis of a grant (null: none). */
    public PublicMetadata withBasis(@Nullable String basis) {
        return new PublicMetadata(
                event,
                requesting,
                requested,
                kind,
                legalBasis,
                offenceCategories,
                emergency,
                outcome,
                refusalGrounds,
                day,
                basis,
                pairing,
                evidence);
    }

    /** The same metadata with {@code token} as its pairing token (null: none). */
    public PublicMetadata withPairing(@Nullable String token) {
        return new PublicMetadata(
                event,
                requesting,
                requested,
                kind,
                legalBasis,
                offenceCategories,
                emergency,
                outcome,
                refusalGrounds,
                day,
                basis,
                token,
                evidence);
    }

    /** The same metadata with {@code digest} as the evidence manifest's digest (null: none). */
    public PublicMetadata withEvidence(@Nullable String digest) {
        return new PublicMetadata(
                event,
                requesting,
                requested,
                kind,
                legalBasis,
                offenceCategories,
                emergency,
                outcome,
                refusalGrounds,
                day,
                basis,
                pairing,
                digest);
    }

    private static void checkCode(String code, String field) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(field + " must be a category code ([a-z0-9][a-z0-9.-]{0,63})");
        }
    }

    private static List<String> codes(List<String> codes, String field) {
        Objects.requireNonNull(codes, field);
        if (codes.size() > MAX_CODES) {
            throw new IllegalArgumentException(field + " has more than " + MAX_CODES + " codes");
        }
        codes.forEach(c -> checkCode(c, field));
        return List.copyOf(new TreeSet<>(codes));
    }
}
