package org.comity.casework.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestContent.Authority;
import org.comity.casework.domain.RequestContent.DataCategory;
import org.comity.casework.domain.RequestContent.Identifier;
import org.comity.casework.domain.RequestContent.Subject;
import org.comity.jurisdiction.ConductCode;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The content of a request as the console's forms post it: flat fields, one offence, one subject with
 * one identifier (the API takes any number). Every step of the drafting form posts a subset of these
 * fields; {@link #merge} keeps what the step did not post. Field paths of casework's violations map
 * back onto these input names ({@link #inputFor}).
 */
record ContentForm(
        @Nullable String requestingName,
        @Nullable String requestingState,
        @Nullable String requestedName,
        @Nullable String requestedState,
        @Nullable String legalBasis,
        @Nullable String provision,
        @Nullable Set<String> conduct,
        @Nullable String maxPenaltyMonths,
        @Nullable String summaryOfFacts,
        @Nullable String purpose,
        Subject.@Nullable Role subjectRole,
        @Nullable String subjectName,
        @Nullable String subjectNationality,
        @Nullable String subjectLocation,
        Identifier.@Nullable Type identifierType,
        @Nullable String identifierValue,
        @Nullable String identifierObservedAt,
        @Nullable String identifierTimeZone,
        @Nullable Set<DataCategory> dataCategories,
        @Nullable String dataFrom,
        @Nullable String dataTo,
        @Nullable String provider,
        RequestContent.Urgency.@Nullable Level urgency,
        @Nullable String imminentRisk,
        @Nullable String authorisingBody,
        @Nullable Boolean judicialOrIndependent,
        @Nullable String legalGrounds,
        @Nullable String proportionality,
        @Nullable String durationDays,
        @Nullable Boolean confidential,
        @Nullable String confidentialUntil,
        @Nullable Boolean speciality,
        @Nullable Boolean onwardTransferNeedsConsent,
        @Nullable String otherConditions) {

    /** The steps of the drafting form and the inputs each one posts. */
    enum Step {
        PARTIES(List.of("requestingName", "requestingState", "requestedName", "requestedState", "legalBasis")),
        OFFENCE(List.of("provision", "conduct", "maxPenaltyMonths", "summaryOfFacts", "purpose")),
        SUBJECTS(List.of(
                "subjectRole",
                "subjectName",
                "subjectNationality",
                "subjectLocation",
                "identifierType",
                "identifierValue",
                "identifierObservedAt",
                "identifierTimeZone",
                "dataCategories",
                "dataFrom",
                "dataTo",
                "provider")),
        CONDITIONS(List.of(
                "urgency",
                "imminentRisk",
                "authorisingBody",
                "judicialOrIndependent",
                "legalGrounds",
                "proportionality",
                "durationDays",
                "confidential",
                "confidentialUntil",
                "speciality",
                "onwardTransferNeedsConsent",
                "otherConditions"));

        final List<String> inputs;

        Step(List<String> inputs) {
            this.inputs = inputs;
        }

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        int number() {
            return ordinal() + 1;
        }

        static Step of(String code) {
            for (Step step : values()) {
                if (step.code().equals(code)) {
                    return step;
                }
            }
            throw new org.comity.shared.NotFound("step " + code);
        }
    }

    static ContentForm empty() {
        return of(new RequestContent(null, null, null, List.of(), null, List.of(), null, null, null, null, null, null));
    }

    static ContentForm of(RequestContent c) {
        var offence = c.offences().isEmpty() ? null : c.offences().getFirst();
        var subject = c.subjects().isEmpty() ? null : c.subjects().getFirst();
        var identifier = subject == null || subject.identifiers().isEmpty()
                ? null
                : subject.identifiers().getFirst();
        var data = c.dataSought();
        var safeguards = c.safeguards();
        var conf = c.confidentiality();
        var cond = c.conditions();
        return new ContentForm(
                c.requestingAuthority() == null ? null : c.requestingAuthority().name(),
                c.requestingAuthority() == null || c.requestingAuthority().state() == null
                        ? null
                        : c.requestingAuthority().state().value(),
                c.requestedAuthority() == null ? null : c.requestedAuthority().name(),
                c.requestedAuthority() == null || c.requestedAuthority().state() == null
                        ? null
                        : c.requestedAuthority().state().value(),
                c.legalBasis(),
                offence == null ? null : offence.domesticProvision(),
                offence == null
                        ? Set.of()
                        : offence.conductCategories().stream()
                                .map(ConductCode::value)
                                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                offence == null || offence.maximumPenaltyMonths() == null
                        ? null
                        : offence.maximumPenaltyMonths().toString(),
                c.summaryOfFacts(),
                c.purpose(),
                subject == null ? null : subject.role(),
                subject == null ? null : subject.name(),
                subject == null || subject.nationality() == null
                        ? null
                        : subject.nationality().value(),
                subject == null ? null : subject.location(),
                identifier == null ? null : identifier.type(),
                identifier == null ? null : identifier.value(),
                identifier == null || identifier.observedAt() == null
                        ? null
                        : LocalDateTime.ofInstant(identifier.observedAt(), zone(identifier.timeZone()))
                                .toString(),
                identifier == null ? null : identifier.timeZone(),
                data == null ? Set.of() : data.categories(),
                data == null || data.from() == null ? null : day(data.from()),
                data == null || data.to() == null ? null : day(data.to()),
                data == null ? null : data.provider(),
                c.urgency() == null ? null : c.urgency().level(),
                c.urgency() == null ? null : c.urgency().imminentRisk(),
                safeguards == null ? null : safeguards.authorisingBody(),
                safeguards != null && safeguards.judicialOrIndependent(),
                safeguards == null ? null : safeguards.legalGrounds(),
                safeguards == null ? null : safeguards.proportionality(),
                safeguards == null || safeguards.durationDays() == null
                        ? null
                        : safeguards.durationDays().toString(),
                conf != null && conf.required(),
                conf == null || conf.endsOn() == null ? null : conf.endsOn().toString(),
                cond != null && cond.speciality(),
                cond != null && cond.onwardTransferNeedsConsent(),
                cond == null ? null : cond.other());
    }

    /** This step's fields from the posted form, every other field from what is stored. */
    ContentForm merge(Step step, ContentForm stored) {
        return switch (step) {
            case PARTIES ->
                new ContentForm(
                        requestingName,
                        requestingState,
                        requestedName,
                        requestedState,
                        legalBasis,
                        stored.provision,
                        stored.conduct,
                        stored.maxPenaltyMonths,
                        stored.summaryOfFacts,
                        stored.purpose,
                        stored.subjectRole,
                        stored.subjectName,
                        stored.subjectNationality,
                        stored.subjectLocation,
                        stored.identifierType,
                        stored.identifierValue,
                        stored.identifierObservedAt,
                        stored.identifierTimeZone,
                        stored.dataCategories,
                        stored.dataFrom,
                        stored.dataTo,
                        stored.provider,
                        stored.urgency,
                        stored.imminentRisk,
                        stored.authorisingBody,
                        stored.judicialOrIndependent,
                        stored.legalGrounds,
                        stored.proportionality,
                        stored.durationDays,
                        stored.confidential,
                        stored.confidentialUntil,
                        stored.speciality,
                        stored.onwardTransferNeedsConsent,
                        stored.otherConditions);
            case OFFENCE ->
                new ContentForm(
                        stored.requestingName,
                        stored.requestingState,
                        stored.requestedName,
                        stored.requestedState,
                        stored.legalBasis,
                        provision,
                        conduct,
                        maxPenaltyMonths,
                        summaryOfFacts,
                        purpose,
                        stored.subjectRole,
                        stored.subjectName,
                        stored.subjectNationality,
                        stored.subjectLocation,
                        stored.identifierType,
                        stored.identifierValue,
                        stored.identifierObservedAt,
                        stored.identifierTimeZone,
                        stored.dataCategories,
                        stored.dataFrom,
                        stored.dataTo,
                        stored.provider,
                        stored.urgency,
                        stored.imminentRisk,
                        stored.authorisingBody,
                        stored.judicialOrIndependent,
                        stored.legalGrounds,
                        stored.proportionality,
                        stored.durationDays,
                        stored.confidential,
                        stored.confidentialUntil,
                        stored.speciality,
                        stored.onwardTransferNeedsConsent,
                        stored.otherConditions);
            case SUBJECTS ->
                new ContentForm(
                        stored.requestingName,
                        stored.requestingState,
                        stored.requestedName,
                        stored.requestedState,
                        stored.legalBasis,
                        stored.provision,
                        stored.conduct,
                        stored.maxPenaltyMonths,
                        stored.summaryOfFacts,
                        stored.purpose,
                        subjectRole,
                        subjectName,
                        subjectNationality,
                        subjectLocation,
                        identifierType,
                        identifierValue,
                        identifierObservedAt,
                        identifierTimeZone,
                        dataCategories,
                        dataFrom,
                        dataTo,
                        provider,
                        stored.urgency,
                        stored.imminentRisk,
                        stored.authorisingBody,
                        stored.judicialOrIndependent,
                        stored.legalGrounds,
                        stored.proportionality,
                        stored.durationDays,
                        stored.confidential,
                        stored.confidentialUntil,
                        stored.speciality,
                        stored.onwardTransferNeedsConsent,
                        stored.otherConditions);
            case CONDITIONS ->
                new ContentForm(
                        stored.requestingName,
                        stored.requestingState,
                        stored.requestedName,
                        stored.requestedState,
                        stored.legalBasis,
                        stored.provision,
                        stored.conduct,
                        stored.maxPenaltyMonths,
                        stored.summaryOfFacts,
                        stored.purpose,
                        stored.subjectRole,
                        stored.subjectName,
                        stored.subjectNationality,
                        stored.subjectLocation,
                        stored.identifierType,
                        stored.identifierValue,
                        stored.identifierObservedAt,
                        stored.identifierTimeZone,
                        stored.dataCategories,
                        stored.dataFrom,
                        stored.dataTo,
                        stored.provider,
                        urgency,
                        imminentRisk,
                        authorisingBody,
                        judicialOrIndependent,
                        legalGrounds,
                        proportionality,
                        durationDays,
                        confidential,
                        confidentialUntil,
                        speciality,
                        onwardTransferNeedsConsent,
                        otherConditions);
        };
    }

    /**
     * The content these fields describe. Values that cannot even be read (a malformed State code or
     * date, a penalty that is not a number) are reported as violations on their inputs; missing values
     * are left for casework's content rules to report.
     */
    RequestContent content() {
        var problems = new ArrayList<Violation>();
        var requesting = authority(requestingName, state(requestingState, "requestingState", problems));
        var requested = authority(requestedName, state(requestedState, "requestedState", problems));
        var offences = new ArrayList<RequestContent.Offence>();
        var codes = new LinkedHashSet<ConductCode>();
        for (String code : conduct == null ? Set.<String>of() : conduct) {
            if (code != null && !code.isBlank()) {
                try {
                    codes.add(new ConductCode(code.strip()));
                } catch (IllegalArgumentException e) {
                    problems.add(
                            new Violation("conduct", "unknown-conduct", "choose conduct categories from the list"));
                }
            }
        }
        var penalty = number(maxPenaltyMonths, "maxPenaltyMonths", problems);
        if (!blank(provision) || !codes.isEmpty() || penalty != null) {
            offences.add(new RequestContent.Offence(trim(provision), codes, penalty));
        }
        var subjects = new ArrayList<Subject>();
        var identifiers = new ArrayList<Identifier>();
        if (identifierType != null || !blank(identifierValue)) {
            identifiers.add(new Identifier(
                    identifierType,
                    trim(identifierValue),
                    moment(identifierObservedAt, identifierTimeZone, problems),
                    trim(identifierTimeZone)));
        }
        var nationality = state(subjectNationality, "subjectNationality", problems);
        if (subjectRole != null
                || !blank(subjectName)
                || nationality != null
                || !blank(subjectLocation)
                || !identifiers.isEmpty()) {
            subjects.add(new Subject(subjectRole, trim(subjectName), nationality, trim(subjectLocation), identifiers));
        }
        RequestContent.DataSought data = null;
        var from = date(dataFrom, "dataFrom", problems);
        var to = date(dataTo, "dataTo", problems);
        if ((dataCategories != null && !dataCategories.isEmpty()) || from != null || to != null || !blank(provider)) {
            data = new RequestContent.DataSought(
                    dataCategories,
                    from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to == null ? null : to.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    trim(provider));
        }
        var until = date(confidentialUntil, "confidentialUntil", problems);
        var duration = number(durationDays, "durationDays", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new RequestContent(
                requesting,
                requested,
                trim(legalBasis),
                offences,
                trim(summaryOfFacts),
                subjects,
                data,
                trim(purpose),
                new RequestContent.Urgency(urgency, trim(imminentRisk)),
                new RequestContent.MeasureSafeguards(
                        trim(authorisingBody),
                        Boolean.TRUE.equals(judicialOrIndependent),
                        trim(legalGrounds),
                        trim(proportionality),
                        duration),
                new RequestContent.Confidentiality(Boolean.TRUE.equals(confidential), until),
                new RequestContent.UseConditions(
                        Boolean.TRUE.equals(speciality),
                        Boolean.TRUE.equals(onwardTransferNeedsConsent),
                        trim(otherConditions)));
    }

    /** The input a casework violation belongs to, or null to show it above the form. */
    static @Nullable String inputFor(String path) {
        var p = path.startsWith("content.") ? path.substring("content.".length()) : path;
        if (p.startsWith("requestingAuthority")) {
            return p.endsWith(".state") ? "requestingState" : "requestingName";
        }
        if (p.startsWith("requestedAuthority")) {
            return p.endsWith(".state") ? "requestedState" : "requestedName";
        }
        if (p.equals("offences") || p.startsWith("offences[0]")) {
            if (p.endsWith("conductCategories")) {
                return "conduct";
            }
            return p.endsWith("maximumPenaltyMonths") ? "maxPenaltyMonths" : "provision";
        }
        if (p.equals("subjects") || p.startsWith("subjects[0]")) {
            if (p.contains("identifiers[0]")) {
                if (p.endsWith("observedAt")) {
                    return "identifierObservedAt";
                }
                if (p.endsWith("timeZone")) {
                    return "identifierTimeZone";
                }
                return p.endsWith(".type") ? "identifierType" : "identifierValue";
            }
            return p.endsWith(".role") ? "subjectRole" : "subjectName";
        }
        if (p.startsWith("dataSought")) {
            if (p.endsWith(".from")) {
                return "dataFrom";
            }
            if (p.endsWith(".to")) {
                return "dataTo";
            }
            return p.endsWith(".provider") ? "provider" : "dataCategories";
        }
        if (p.startsWith("urgency")) {
            return p.endsWith("imminentRisk") ? "imminentRisk" : "urgency";
        }
        if (p.startsWith("safeguards.")) {
            return p.substring("safeguards.".length());
        }
        if (p.startsWith("confidentiality")) {
            return "confidentialUntil";
        }
        return switch (p) {
            case "legalBasis", "summaryOfFacts", "purpose" -> p;
            default -> {
                for (Step step : Step.values()) {
                    if (step.inputs.contains(p)) {
                        yield p;
                    }
                }
                yield null;
            }
        };
    }

    /** The step holding an input, so a problem on the review page can link to it. */
    static Step stepOf(@Nullable String input) {
        for (Step step : Step.values()) {
            if (input != null && step.inputs.contains(input)) {
                return step;
            }
        }
        return Step.PARTIES;
    }

    private static @Nullable Authority authority(@Nullable String name, @Nullable CountryCode state) {
        return blank(name) && state == null ? null : new Authority(trim(name), state);
    }

    private static @Nullable CountryCode state(@Nullable String code, String input, List<Violation> problems) {
        if (blank(code)) {
            return null;
        }
        try {
            return CountryCode.of(code);
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(input, "country-code", "a two-letter ISO 3166-1 code, such as FR"));
            return null;
        }
    }

    private static @Nullable Integer number(@Nullable String text, String input, List<Violation> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new Violation(input, "whole-number", "a whole number"));
            return null;
        }
    }

    private static @Nullable LocalDate date(@Nullable String text, String input, List<Violation> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Violation(input, "date-format", "a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static @Nullable Instant moment(
            @Nullable String local, @Nullable String timeZone, List<Violation> problems) {
        if (blank(local)) {
            return null;
        }
        ZoneId zone;
        try {
            zone = blank(timeZone) ? ZoneOffset.UTC : ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            problems.add(new Violation("identifierTimeZone", "time-zone", "a time zone such as Europe/Paris or UTC"));
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Violation("identifierObservedAt", "date-time-format", "a date and time"));
            return null;
        }
    }

    private static ZoneId zone(@Nullable String timeZone) {
        try {
            return blank(timeZone) ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String trim(@Nullable String s) {
        return blank(s) ? null : s.strip();
    }
}
