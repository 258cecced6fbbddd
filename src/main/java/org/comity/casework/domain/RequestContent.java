package org.comity.casework.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.ProtectedRole;
import org.comity.shared.CountryCode;
import org.comity.treaty.DataCategory;
import org.jspecify.annotations.Nullable;

/**
 * What a request says (domain.md §4.1, §4.2, §6). A draft may be incomplete, so the records only
 * normalise here; {@link ContentRules} lists every missing or inconsistent item at once when the
 * request is sent or registered.
 *
 * @param legalBasis id of an instrument in the treaty catalogue; the treaty module resolves it
 * @param compelled what the request would compel a person (often a provider's engineer) to do beyond
 *     producing data: disclose credentials or keys, unlock a device, weaken security
 * @param deathPenaltyAssurances the requesting State assures the death penalty will not be imposed or
 *     carried out
 * @param priorProceedings proceedings elsewhere for the same conduct against a subject (ne bis in idem)
 * @param matters what the request also involves that is never a ground for refusal (bank secrecy, a
 *     fiscal matter); recorded so the assessment can say so, never so it can refuse
 */
public record RequestContent(
        @Nullable Authority requestingAuthority,
        @Nullable Authority requestedAuthority,
        @Nullable String legalBasis,
        List<Offence> offences,
        @Nullable String summaryOfFacts,
        List<Subject> subjects,
        @Nullable DataSought dataSought,
        @Nullable String purpose,
        @Nullable Urgency urgency,
        @Nullable MeasureSafeguards safeguards,
        @Nullable Confidentiality confidentiality,
        @Nullable UseConditions conditions,
        Set<CompelledAssistance> compelled,
        Boolean deathPenaltyAssurances,
        List<PriorProceeding> priorProceedings,
        Set<Matter> matters) {

    public RequestContent {
        offences = offences == null ? List.of() : List.copyOf(offences);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        compelled = compelled == null ? Set.of() : Set.copyOf(compelled);
        priorProceedings = priorProceedings == null ? List.of() : List.copyOf(priorProceedings);
        matters = matters == null ? Set.of() : Set.copyOf(matters);
        // Boxed so that content written before these items existed (or a client that omits them) reads
        // as "not stated"; never null once built.
        deathPenaltyAssurances = Boolean.TRUE.equals(deathPenaltyAssurances);
    }

    /** Content with nothing recorded beyond the request's core items (no compelled assistance, …). */
    public RequestContent(
            @Nullable Authority requestingAuthority,
            @Nullable Authority requestedAuthority,
            @Nullable String legalBasis,
            List<Offence> offences,
            @Nullable String summaryOfFacts,
            List<Subject> subjects,
            @Nullable DataSought dataSought,
            @Nullable String purpose,
            @Nullable Urgency urgency,
            @Nullable MeasureSafeguards safeguards,
            @Nullable Confidentiality confidentiality,
            @Nullable UseConditions conditions) {
        this(
                requestingAuthority,
                requestedAuthority,
                legalBasis,
                offences,
                summaryOfFacts,
                subjects,
                dataSought,
                purpose,
                urgency,
                safeguards,
                confidentiality,
                conditions,
                Set.of(),
                false,
                List.of(),
                Set.of());
    }

    /**
     * Content with nothing recorded. Build on it with the {@code with…} methods, so that a new item of
     * content is added here once rather than to every positional call.
     */
    public static final RequestContent EMPTY = new RequestContent(
            null, null, null, List.of(), null, List.of(), null, null, null, null, null, null, Set.of(), false,
            List.of(), Set.of());

    public RequestContent withRequestingAuthority(@Nullable Authority value) {
        var copy = new Copy(this);
        copy.requestingAuthority = value;
        return copy.build();
    }

    public RequestContent withRequestedAuthority(@Nullable Authority value) {
        var copy = new Copy(this);
        copy.requestedAuthority = value;
        return copy.build();
    }

    public RequestContent withLegalBasis(@Nullable String value) {
        var copy = new Copy(this);
        copy.legalBasis = value;
        return copy.build();
    }

    public RequestContent withOffences(List<Offence> value) {
        var copy = new Copy(this);
        copy.offences = value;
        return copy.build();
    }

    public RequestContent withSummaryOfFacts(@Nullable String value) {
        var copy = new Copy(this);
        copy.summaryOfFacts = value;
        return copy.build();
    }

    public RequestContent withSubjects(List<Subject> value) {
        var copy = new Copy(this);
        copy.subjects = value;
        return copy.build();
    }

    public RequestContent withDataSought(@Nullable DataSought value) {
        var copy = new Copy(this);
        copy.dataSought = value;
        return copy.build();
    }

    public RequestContent withPurpose(@Nullable String value) {
        var copy = new Copy(this);
        copy.purpose = value;
        return copy.build();
    }

    public RequestContent withUrgency(@Nullable Urgency value) {
        var copy = new Copy(this);
        copy.urgency = value;
        return copy.build();
    }

    public RequestContent withSafeguards(@Nullable MeasureSafeguards value) {
        var copy = new Copy(this);
        copy.safeguards = value;
        return copy.build();
    }

    public RequestContent withConfidentiality(@Nullable Confidentiality value) {
        var copy = new Copy(this);
        copy.confidentiality = value;
        return copy.build();
    }

    public RequestContent withConditions(@Nullable UseConditions value) {
        var copy = new Copy(this);
        copy.conditions = value;
        return copy.build();
    }

    public RequestContent withCompelled(Set<CompelledAssistance> value) {
        var copy = new Copy(this);
        copy.compelled = value;
        return copy.build();
    }

    public RequestContent withDeathPenaltyAssurances(boolean value) {
        var copy = new Copy(this);
        copy.deathPenaltyAssurances = value;
        return copy.build();
    }

    public RequestContent withPriorProceedings(List<PriorProceeding> value) {
        var copy = new Copy(this);
        copy.priorProceedings = value;
        return copy.build();
    }

    public RequestContent withMatters(Set<Matter> value) {
        var copy = new Copy(this);
        copy.matters = value;
        return copy.build();
    }

    /** A copy to change one item of; a new item of content is added here and in the record only. */
    private static final class Copy {
        private @Nullable Authority requestingAuthority;
        private @Nullable Authority requestedAuthority;
        private @Nullable String legalBasis;
        private List<Offence> offences;
        private @Nullable String summaryOfFacts;
        private List<Subject> subjects;
        private @Nullable DataSought dataSought;
        private @Nullable String purpose;
        private @Nullable Urgency urgency;
        private @Nullable MeasureSafeguards safeguards;
        private @Nullable Confidentiality confidentiality;
        private @Nullable UseConditions conditions;
        private Set<CompelledAssistance> compelled;
        private Boolean deathPenaltyAssurances;
        private List<PriorProceeding> priorProceedings;
        private Set<Matter> matters;

        Copy(RequestContent content) {
            requestingAuthority = content.requestingAuthority;
            requestedAuthority = content.requestedAuthority;
            legalBasis = content.legalBasis;
            offences = content.offences;
            summaryOfFacts = content.summaryOfFacts;
            subjects = content.subjects;
            dataSought = content.dataSought;
            purpose = content.purpose;
            urgency = content.urgency;
            safeguards = content.safeguards;
            confidentiality = content.confidentiality;
            conditions = content.conditions;
            compelled = content.compelled;
            deathPenaltyAssurances = content.deathPenaltyAssurances;
            priorProceedings = content.priorProceedings;
            matters = content.matters;
        }

        RequestContent build() {
            return new RequestContent(
                    requestingAuthority,
                    requestedAuthority,
                    legalBasis,
                    offences,
                    summaryOfFacts,
                    subjects,
                    dataSought,
                    purpose,
                    urgency,
                    safeguards,
                    confidentiality,
                    conditions,
                    compelled,
                    deathPenaltyAssurances,
                    priorProceedings,
                    matters);
        }
    }

    public Urgency.Level urgencyLevel() {
        return urgency == null || urgency.level() == null ? Urgency.Level.NORMAL : urgency.level();
    }

    public boolean emergency() {
        return urgencyLevel() == Urgency.Level.EMERGENCY;
    }

    /** The authority that sends or sent the request, and its State. */
    public record Authority(@Nullable String name, @Nullable CountryCode state) {}

    /**
     * An offence as the requesting State's law defines it, mapped onto conduct categories.
     *
     * @param maximumPenaltyMonths the maximum of the range of deprivation of liberty, in months
     * @param withoutRightBasis why the conduct was "without right", as the request states it, for access
     *     and device offences: without it, the safeguards engine cannot tell a charged security researcher
     *     from authorised testing
     */
    public record Offence(
            @Nullable String domesticProvision,
            Set<ConductCode> conductCategories,
            @Nullable Integer maximumPenaltyMonths,
            @Nullable String withoutRightBasis) {
        public Offence {
            conductCategories = conductCategories == null ? Set.of() : Set.copyOf(conductCategories);
        }

        /** An offence whose request does not say why the conduct was without right. */
        public Offence(
                @Nullable String domesticProvision,
                Set<ConductCode> conductCategories,
                @Nullable Integer maximumPenaltyMonths) {
            this(domesticProvision, conductCategories, maximumPenaltyMonths, null);
        }
    }

    /**
     * A person concerned (domain.md §4.1(e)) and what is known of them.
     *
     * @param protectedRoles roles whose targeting is a known pattern of repression (journalist, lawyer,
     *     …), as the request or the reviewer records them
     * @param characteristics characteristics on account of which the person could be persecuted, as the
     *     request or the reviewer records them
     * @param authorisedTesting there are indications the conduct was authorised testing or protection of
     *     a system (a coordinated vulnerability disclosure, a penetration-test contract)
     */
    public record Subject(
            @Nullable Role role,
            @Nullable String name,
            @Nullable CountryCode nationality,
            @Nullable String location,
            List<Identifier> identifiers,
            Set<ProtectedRole> protectedRoles,
            Set<Characteristic> characteristics,
            Boolean authorisedTesting) {
        public Subject {
            authorisedTesting = Boolean.TRUE.equals(authorisedTesting);
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
            protectedRoles = protectedRoles == null ? Set.of() : Set.copyOf(protectedRoles);
            characteristics = characteristics == null ? Set.of() : Set.copyOf(characteristics);
        }

        /** A subject of whom nothing is recorded that could put them at risk. */
        public Subject(
                @Nullable Role role,
                @Nullable String name,
                @Nullable CountryCode nationality,
                @Nullable String location,
                List<Identifier> identifiers) {
            this(role, name, nationality, location, identifiers, Set.of(), Set.of(), false);
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
     * Something that points at a subject. An IP address means nothing without the moment it was seen
     * and the time zone the requesting State read that moment in.
     */
    public record Identifier(
            @Nullable Type type,
            @Nullable String value,
            @Nullable Instant observedAt,
            @Nullable String timeZone) {
        public enum Type {
            ACCOUNT,
            EMAIL,
            PHONE,
            IP_ADDRESS,
            DOMAIN,
            DEVICE
        }
    }

    /**
     * The data asked for: which categories (domain.md §2), over which period, from whom.
     *
     * @param allData the request asks for "all data" of an account or service rather than categories
     * @param unidentifiedAccounts the request asks for accounts it does not identify ("all accounts of
     *     the organisers of …")
     */
    public record DataSought(
            Set<DataCategory> categories,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String provider,
            Boolean allData,
            Boolean unidentifiedAccounts) {
        public DataSought {
            allData = Boolean.TRUE.equals(allData);
            unidentifiedAccounts = Boolean.TRUE.equals(unidentifiedAccounts);
            categories = categories == null ? Set.of() : Set.copyOf(categories);
        }

        public DataSought(
                Set<DataCategory> categories, @Nullable Instant from, @Nullable Instant to, @Nullable String provider) {
            this(categories, from, to, provider, false, false);
        }

        /** A period that starts on {@code day}: from its first moment in {@code zone}. */
        public static Instant startOf(java.time.LocalDate day, java.time.ZoneId zone) {
            return day.atStartOfDay(zone).toInstant();
        }

        /**
         * A period that ends on {@code day} includes it: "to 2026-03-31" is through the last moment of
         * that day in {@code zone}, not its first (which dropped the last day from the API and the letter).
         */
        public static Instant endOf(java.time.LocalDate day, java.time.ZoneId zone) {
            return day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        }
    }

    /** How fast; an emergency must say what imminent risk to life or safety it is about. */
    public record Urgency(@Nullable Level level, @Nullable String imminentRisk) {
        public enum Level {
            NORMAL,
            URGENT,
            EMERGENCY
        }
    }

    /**
     * The conditions and safeguards a coercive measure is subject to (domain.md §4.2): who authorised
     * it, whether that body is judicial or otherwise independent, on what grounds, why it is
     * proportionate, and for how long.
     */
    public record MeasureSafeguards(
            @Nullable String authorisingBody,
            boolean judicialOrIndependent,
            @Nullable String legalGrounds,
            @Nullable String proportionality,
            @Nullable Integer durationDays) {}

    /** Whether the fact and substance of the request stay confidential, and until when (domain.md §6). */
    public record Confidentiality(
            boolean required, @Nullable LocalDate endsOn) {}

    /**
     * Conditions on use: speciality, onward transfer only with prior consent, anything else.
     *
     * @param onwardTransferTo States the requesting State says it will pass the data on to
     */
    public record UseConditions(
            boolean speciality,
            boolean onwardTransferNeedsConsent,
            @Nullable String other,
            List<CountryCode> onwardTransferTo) {
        public UseConditions {
            onwardTransferTo = onwardTransferTo == null ? List.of() : List.copyOf(onwardTransferTo);
        }

        public UseConditions(boolean speciality, boolean onwardTransferNeedsConsent, @Nullable String other) {
            this(speciality, onwardTransferNeedsConsent, other, List.of());
        }
    }

    /**
     * A proceeding in another State for the same conduct against one of the subjects. A draft may hold
     * it incomplete; the content rules name what is missing.
     *
     * @param subject index of the subject in {@link #subjects()}
     */
    public record PriorProceeding(
            @Nullable CountryCode state,
            @Nullable Integer subject,
            Set<ConductCode> conduct,
            @Nullable Outcome outcome,
            @Nullable String reference) {
        public PriorProceeding {
            conduct = conduct == null ? Set.of() : Set.copyOf(conduct);
        }

        public enum Outcome {
            ACQUITTED,
            CONVICTED,
            PARDONED,
            DISCONTINUED,
            PENDING
        }
    }
}
