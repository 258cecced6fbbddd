package org.comity.safeguards;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.DataCategory;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;

/**
 * One version of a request, as the safeguards engine reads it. Casework maps its request content to
 * this; the REST API accepts it directly. Collections default to empty; what is unknown stays null
 * rather than being guessed; an omitted or null boolean is false. Field names are the paths findings
 * cite ({@code offences[0].flags}). Broken rules are {@link InvalidInput}s naming the field.
 *
 * @param requestDate the date the legal basis must be in force on
 * @param legalBasis id of an instrument in the treaty catalogue, as the request names it
 * @param compelled what the request would compel a person to do beyond producing data
 * @param deathPenaltyAssurances the requesting State assures the death penalty will not be imposed or
 *     carried out
 * @param matters what the request also involves that is never a ground for refusal
 * @param history earlier requests the caller lists (none from casework), or, in assessments stored before
 *     {@code recorded} existed, every earlier request the node held that shared a subject or came from a
 *     requesting State with persecution refusals; the pattern rules read each entry
 * @param recorded what this node's own records held about earlier requests when the version was
 *     assessed: counts and a few examples, never every row; set by the engine (whatever a caller sends is
 *     replaced), absent in assessments stored before it existed
 */
public record AssessmentInput(
        UUID requestId,
        long version,
        Direction direction,
        KindOfAssistance measure,
        CountryCode requesting,
        CountryCode requested,
        LocalDate requestDate,
        @Nullable String legalBasis,
        List<ChargedOffence> offences,
        List<Subject> subjects,
        @Nullable DataSought data,
        Emergency emergency,
        @Nullable MeasureConditions conditions,
        Set<CompelledAssistance> compelled,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean deathPenaltyAssurances,
        List<PriorProceeding> priorProceedings,
        @Nullable UseConditions use,
        Set<Matter> matters,
        List<PriorRequest> history,
        @Nullable Recorded recorded,
        @Nullable ReviewerFacts reviewer) {

    public AssessmentInput {
        var problems = new ArrayList<Violation>();
        required(problems, "requestId", requestId);
        if (version < 0) {
            problems.add(new Violation("version", "version-range", "versions count from 0"));
        }
        required(problems, "direction", direction);
        required(problems, "measure", measure);
        required(problems, "requesting", requesting);
        required(problems, "requested", requested);
        required(problems, "requestDate", requestDate);
        if (requesting != null && requesting.equals(requested)) {
            problems.add(new Violation("requested", "states-differ", "the requesting and requested States differ"));
        }
        refuse(problems);
        offences = offences == null ? List.of() : List.copyOf(offences);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        emergency = emergency == null ? new Emergency(false, false) : emergency;
        compelled = compelled == null ? Set.of() : Set.copyOf(compelled);
        priorProceedings = priorProceedings == null ? List.of() : List.copyOf(priorProceedings);
        matters = matters == null ? Set.of() : Set.copyOf(matters);
        history = history == null ? List.of() : List.copyOf(history);
        if (reviewer != null) {
            problems.addAll(reviewer.problems(offences.size(), subjects.size()));
            refuse(problems);
            reviewer = reviewer.isEmpty() ? null : reviewer;
        }
    }

    /** What the reviewer recorded, or nothing. */
    public ReviewerFacts reviewerFacts() {
        return reviewer == null ? ReviewerFacts.NONE : reviewer;
    }

    /** The same version with what the requested State's reviewer knows about it. */
    public AssessmentInput withReviewer(@Nullable ReviewerFacts reviewer) {
        return with(data, history, recorded, reviewer);
    }

    /** A version without recorded history: what callers build; the engine adds the node's records. */
    public AssessmentInput(
            UUID requestId,
            long version,
            Direction direction,
            KindOfAssistance measure,
            CountryCode requesting,
            CountryCode requested,
            LocalDate requestDate,
            @Nullable String legalBasis,
            List<ChargedOffence> offences,
            List<Subject> subjects,
            @Nullable DataSought data,
            Emergency emergency,
            @Nullable MeasureConditions conditions,
            Set<CompelledAssistance> compelled,
            boolean deathPenaltyAssurances,
            List<PriorProceeding> priorProceedings,
            @Nullable UseConditions use,
            Set<Matter> matters,
            List<PriorRequest> history) {
        this(
                requestId,
                version,
                direction,
                measure,
                requesting,
                requested,
                requestDate,
                legalBasis,
                offences,
                subjects,
                data,
                emergency,
                conditions,
                compelled,
                deathPenaltyAssurances,
                priorProceedings,
                use,
                matters,
                history,
                null,
                null);
    }

    /** The same version with these earlier requests as its history. */
    public AssessmentInput withHistory(List<PriorRequest> history) {
        return with(data, history, recorded, reviewer);
    }

    /** The same version with what the node's records hold about earlier requests. */
    public AssessmentInput withRecorded(@Nullable Recorded recorded) {
        return with(data, history, recorded, reviewer);
    }

    /** The same version asking for other data (what-if checks, tests). */
    public AssessmentInput withData(@Nullable DataSought data) {
        return with(data, history, recorded, reviewer);
    }

    private AssessmentInput with(
            @Nullable DataSought data,
            List<PriorRequest> history,
            @Nullable Recorded recorded,
            @Nullable ReviewerFacts reviewer) {
        return new AssessmentInput(
                requestId,
                version,
                direction,
                measure,
                requesting,
                requested,
                requestDate,
                legalBasis,
                offences,
                subjects,
                data,
                emergency,
                conditions,
                compelled,
                deathPenaltyAssurances,
                priorProceedings,
                use,
                matters,
                history,
                recorded,
                reviewer);
    }

    private static void required(List<Violation> problems, String field, @Nullable Object value) {
        if (value == null) {
            problems.add(new Violation(field, "required", "required"));
        }
    }

    /**
     * Every broken rule of one value at once, named relative to it: the HTTP edge prefixes the path of
     * the value in the body ({@code offences[0].maximumPenaltyMonths}).
     */
    private static void refuse(List<Violation> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** This node sends the request (requesting State) or received it (requested State). */
    public enum Direction {
        OUTGOING,
        INCOMING
    }

    /**
     * An offence as the requesting State charges it.
     *
     * @param maximumPenaltyMonths the maximum of the range of deprivation of liberty, as the request
     *     states it; null when not stated (the requesting State's profile is read instead)
     * @param deathPenalty the request says the death penalty can be imposed for it
     * @param flags flags the request or the reviewer attached; the requesting State's profile adds its own
     * @param withoutRightBasis why the conduct was "without right", for access and device offences
     */
    public record ChargedOffence(
            @Nullable String provision,
            Set<ConductCode> conduct,
            @Nullable Integer maximumPenaltyMonths,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean deathPenalty,
            Set<OffenceFlag> flags,
            @Nullable String withoutRightBasis) {
        public ChargedOffence {
            conduct = conduct == null ? Set.of() : Set.copyOf(conduct);
            flags = flags == null ? Set.of() : Set.copyOf(flags);
            if (maximumPenaltyMonths != null && (maximumPenaltyMonths < 0 || maximumPenaltyMonths > 1200)) {
                throw InvalidInput.of("maximumPenaltyMonths", "penalty-range", "between 0 and 1200 months");
            }
        }
    }

    /**
     * A person concerned.
     *
     * @param identified the request identifies them (a name or at least one identifier)
     * @param characteristics what the request or the reviewer records that could be a persecution ground
     * @param identifiers normalised identifiers ({@code email:a@b.example}) used to find patterns
     * @param authorisedTesting there are indications the conduct was authorised testing or protection
     *     of a system (for example a coordinated vulnerability disclosure)
     */
    public record Subject(
            @Nullable Role role,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean identified,
            @Nullable CountryCode nationality,
            Set<ProtectedRole> protectedRoles,
            Set<Characteristic> characteristics,
            List<String> identifiers,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean authorisedTesting) {
        public Subject {
            protectedRoles = protectedRoles == null ? Set.of() : Set.copyOf(protectedRoles);
            characteristics = characteristics == null ? Set.of() : Set.copyOf(characteristics);
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }

        public enum Role {
            SUSPECT,
            ACCUSED,
            VICTIM,
            WITNESS,
            ACCOUNT_HOLDER,
            OTHER
        }
    }

    /**
     * The data asked for.
     *
     * @param from start of the period, null when the request sets none
     * @param to end of the period, null when the request sets none
     * @param allData the request asks for "all data" of an account or service
     * @param unidentifiedAccounts the request asks for accounts it does not identify ("all accounts of …")
     */
    public record DataSought(
            Set<DataCategory> categories,
            @Nullable Instant from,
            @Nullable Instant to,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean allData,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean unidentifiedAccounts) {
        public DataSought {
            categories = categories == null ? Set.of() : Set.copyOf(categories);
            if (from != null && to != null && to.isBefore(from)) {
                throw InvalidInput.of("to", "period-order", "the period must end after it starts");
            }
        }
    }

    /** An emergency: a significant and imminent risk to the life or safety of a natural person. */
    public record Emergency(
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean declared,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean imminentRiskStated) {}

    /**
     * The conditions and safeguards of a coercive measure as the request states them: whether each item
     * is present, not its text.
     */
    public record MeasureConditions(
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean authorisingBody,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean judicialOrIndependent,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean legalGrounds,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean proportionality,
            @Nullable Integer durationDays) {
        public MeasureConditions {
            if (durationDays != null && durationDays <= 0) {
                throw InvalidInput.of("durationDays", "duration-range", "a positive number of days");
            }
        }
    }

    /** A proceeding elsewhere for the same conduct against one of the subjects (ne bis in idem). */
    public record PriorProceeding(CountryCode state, int subject, Set<ConductCode> conduct, Outcome outcome) {
        public PriorProceeding {
            var problems = new ArrayList<Violation>();
            required(problems, "state", state);
            required(problems, "outcome", outcome);
            if (subject < 0) {
                problems.add(new Violation("subject", "subject-index", "the index of one of the subjects, from 0"));
            }
            refuse(problems);
            conduct = conduct == null ? Set.of() : Set.copyOf(conduct);
        }

        public enum Outcome {
            ACQUITTED,
            CONVICTED,
            PARDONED,
            DISCONTINUED,
            PENDING;

            /** Final: the person may not be tried or punished again for the same conduct. */
            public boolean finalDisposal() {
                return this == ACQUITTED || this == CONVICTED || this == PARDONED;
            }
        }
    }

    /** Conditions on use of what is transmitted. */
    public record UseConditions(
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean speciality,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean onwardTransferNeedsConsent,
            List<CountryCode> onwardTransferTo) {
        public UseConditions {
            onwardTransferTo = onwardTransferTo == null ? List.of() : List.copyOf(onwardTransferTo);
        }
    }

    /** What a request may involve that the Convention says is never a ground for refusal. */
    public enum Matter {
        BANK_SECRECY,
        FISCAL
    }

    /** An earlier request, as far as patterns across requests need it. */
    public record PriorRequest(
            UUID requestId,
            CountryCode requesting,
            CountryCode requested,
            LocalDate date,
            List<String> subjectIdentifiers,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean refusedOnPersecutionGrounds) {
        public PriorRequest {
            var problems = new ArrayList<Violation>();
            required(problems, "requestId", requestId);
            required(problems, "requesting", requesting);
            required(problems, "requested", requested);
            required(problems, "date", date);
            refuse(problems);
            subjectIdentifiers = subjectIdentifiers == null ? List.of() : List.copyOf(subjectIdentifiers);
        }
    }

    /**
     * What this node's records held about earlier requests when a version was assessed, counted in the
     * database for the pattern rules: per subject the number of earlier requests naming one of its
     * identifiers and a few of them as examples, and the requesting State's persecution refusals. Never
     * every earlier request: an identifier that recurs (a VPN exit, a large provider's domain) would make
     * every assessment naming it slower. Requests listed in {@code history} are not counted here again.
     * Counting stops at a limit (at least the pack's thresholds); {@code atLeast} then says there are
     * more. Replay reads these numbers as they were, so it needs the database no more than before.
     *
     * @param windowDays the pattern window the counts were taken over ({@code 0}: none)
     * @param subjects one entry per subject that earlier requests named, by subject index
     * @param refusals earlier requests from the requesting State refused on persecution grounds
     * @param refusalsAtLeast counting refusals stopped at the limit
     */
    public record Recorded(int windowDays, List<SubjectRecord> subjects, long refusals, boolean refusalsAtLeast) {
        public Recorded {
            if (windowDays < 0 || refusals < 0) {
                throw new IllegalArgumentException("a window and a count are not negative");
            }
            subjects = subjects == null ? List.of() : List.copyOf(subjects);
        }

        /** The record of one subject, if earlier requests named it. */
        public java.util.Optional<SubjectRecord> subject(int index) {
            return subjects.stream().filter(s -> s.subject() == index).findFirst();
        }
    }

    /**
     * Earlier requests in this node's records that named one of a subject's identifiers.
     *
     * @param subject index into {@code subjects}
     * @param requests how many (requests listed in {@code history} not included)
     * @param atLeast counting stopped at the limit: there are at least {@code requests}
     * @param otherStates how many States those requests involve besides this request's two and those of
     *     the listed requests for the same subject (a lower bound with {@code atLeast}); a number, not the
     *     States, so the record says no more about requests a reader may not see than the finding does
     * @param examples the oldest few, oldest first; shown only to readers who may see them
     */
    public record SubjectRecord(
            int subject, long requests, boolean atLeast, int otherStates, List<PriorRequest> examples) {
        public SubjectRecord {
            if (subject < 0 || requests < 0 || otherStates < 0) {
                throw new IllegalArgumentException("a subject index and counts are not negative");
            }
            examples = examples == null ? List.of() : List.copyOf(examples);
        }
    }
}
