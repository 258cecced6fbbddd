package org.comity.casework.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * What a request says (domain.md §4.1, §4.2, §6). A draft may be incomplete, so the records only
 * normalise here; {@link ContentRules} lists every missing or inconsistent item at once when the
 * request is sent or registered.
 *
 * @param legalBasis id of an instrument in the treaty catalogue; the treaty module resolves it
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
        @Nullable UseConditions conditions) {

    public RequestContent {
        offences = offences == null ? List.of() : List.copyOf(offences);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
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
     */
    public record Offence(
            @Nullable String domesticProvision,
            Set<ConductCode> conductCategories,
            @Nullable Integer maximumPenaltyMonths) {
        public Offence {
            conductCategories = conductCategories == null ? Set.of() : Set.copyOf(conductCategories);
        }
    }

    /** A person concerned (domain.md §4.1(e)) and what is known of them. */
    public record Subject(
            @Nullable Role role,
            @Nullable String name,
            @Nullable CountryCode nationality,
            @Nullable String location,
            List<Identifier> identifiers) {
        public Subject {
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

    /** The data asked for: which categories (domain.md §2), over which period, from whom. */
    public record DataSought(
            Set<DataCategory> categories,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String provider) {
        public DataSought {
            categories = categories == null ? Set.of() : Set.copyOf(categories);
        }
    }

    /** Subscriber &lt; traffic &lt; content, in order of intrusiveness. */
    public enum DataCategory {
        SUBSCRIBER,
        TRAFFIC,
        CONTENT
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

    /** Conditions on use: speciality, onward transfer only with prior consent, anything else. */
    public record UseConditions(
            boolean speciality,
            boolean onwardTransferNeedsConsent,
            @Nullable String other) {}
}
