package org.comity.casework.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestContent.Authority;
import org.comity.casework.domain.RequestContent.Identifier;
import org.comity.casework.domain.RequestContent.PriorProceeding;
import org.comity.casework.domain.RequestContent.Subject;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.ProtectedRole;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.DataCategory;
import org.jspecify.annotations.Nullable;

/**
 * The content of a request as the console's forms post it. Lists (offences, subjects, a subject's
 * identifiers, prior proceedings) are posted as indexed inputs named like casework's field paths
 * ({@code offences[1].maximumPenaltyMonths}), so casework's violations land next to the input they are
 * about. Rows are added and removed by submit buttons ({@link #edit}), without JavaScript. Rows left
 * entirely blank are not part of the content; {@link #inputFor} maps a violation on the n-th offence
 * of the content back onto the row the user sees.
 */
record ContentForm(
        @Nullable String requestingName,
        @Nullable String requestingState,
        @Nullable String requestedName,
        @Nullable String requestedState,
        @Nullable String legalBasis,
        List<OffenceRow> offences,
        @Nullable String summaryOfFacts,
        @Nullable String purpose,
        boolean deathPenaltyAssurances,
        Set<Matter> matters,
        List<SubjectRow> subjects,
        Set<DataCategory> dataCategories,
        @Nullable String dataFrom,
        @Nullable String dataTo,
        @Nullable String provider,
        boolean allData,
        boolean unidentifiedAccounts,
        List<PriorRow> priorProceedings,
        RequestContent.Urgency.@Nullable Level urgency,
        @Nullable String imminentRisk,
        @Nullable String authorisingBody,
        boolean judicialOrIndependent,
        @Nullable String legalGrounds,
        @Nullable String proportionality,
        @Nullable String durationDays,
        Set<CompelledAssistance> compelled,
        boolean confidential,
        @Nullable String confidentialUntil,
        boolean speciality,
        boolean onwardTransferNeedsConsent,
        @Nullable String onwardTransferTo,
        @Nullable String otherConditions) {

    /** Beyond these a request is a fishing expedition or a typing accident; the API has its own limits. */
    static final int MAX_OFFENCES = 20;

    static final int MAX_SUBJECTS = 50;
    static final int MAX_IDENTIFIERS = 20;
    static final int MAX_PRIOR_PROCEEDINGS = 20;

    /** Indexes with more digits are ignored: no form row count comes near them. */
    private static final String INDEX = "\\[(\\d{1,4})\\]";

    /** One offence as the form shows it. */
    record OffenceRow(
            @Nullable String domesticProvision,
            Set<String> conductCategories,
            @Nullable String maximumPenaltyMonths) {
        public boolean blank() {
            return ContentForm.blank(domesticProvision)
                    && conductCategories.isEmpty()
                    && ContentForm.blank(maximumPenaltyMonths);
        }

        public boolean has(String code) {
            return conductCategories.contains(code);
        }
    }

    /** One subject with its identifiers and what is recorded to protect them. */
    record SubjectRow(
            Subject.@Nullable Role role,
            @Nullable String name,
            @Nullable String nationality,
            @Nullable String location,
            List<IdentifierRow> identifiers,
            Set<ProtectedRole> protectedRoles,
            Set<Characteristic> characteristics,
            boolean authorisedTesting) {
        public boolean blank() {
            return role == null
                    && ContentForm.blank(name)
                    && ContentForm.blank(nationality)
                    && ContentForm.blank(location)
                    && identifiers.stream().allMatch(IdentifierRow::blank)
                    && protectedRoles.isEmpty()
                    && characteristics.isEmpty()
                    && !authorisedTesting;
        }
    }

    record IdentifierRow(
            Identifier.@Nullable Type type,
            @Nullable String value,
            @Nullable String observedAt,
            @Nullable String timeZone) {
        public boolean blank() {
            return type == null
                    && ContentForm.blank(value)
                    && ContentForm.blank(observedAt)
                    && ContentForm.blank(timeZone);
        }
    }

    /** @param subject the index of the subject row, as the select posts it */
    record PriorRow(
            @Nullable String state,
            @Nullable String subject,
            Set<String> conduct,
            PriorProceeding.@Nullable Outcome outcome,
            @Nullable String reference) {
        public boolean blank() {
            return ContentForm.blank(state)
                    && ContentForm.blank(subject)
                    && conduct.isEmpty()
                    && outcome == null
                    && ContentForm.blank(reference);
        }

        public boolean has(String code) {
            return conduct.contains(code);
        }
    }

    /** The steps of the drafting form and the inputs (by their first name segment) each one posts. */
    enum Step {
        PARTIES(List.of("requestingName", "requestingState", "requestedName", "requestedState", "legalBasis")),
        OFFENCE(List.of("offences", "summaryOfFacts", "purpose", "deathPenaltyAssurances", "matters")),
        SUBJECTS(List.of(
                "subjects",
                "dataCategories",
                "dataFrom",
                "dataTo",
                "provider",
                "allData",
                "unidentifiedAccounts",
                "priorProceedings")),
        CONDITIONS(List.of(
                "urgency",
                "imminentRisk",
                "authorisingBody",
                "judicialOrIndependent",
                "legalGrounds",
                "proportionality",
                "durationDays",
                "compelled",
                "confidential",
                "confidentialUntil",
                "speciality",
                "onwardTransferNeedsConsent",
                "onwardTransferTo",
                "otherConditions"));

        final List<String> inputs;

        Step(List<String> inputs) {
            this.inputs = inputs;
        }

        /** Whether an input ({@code offences[1].domesticProvision}, {@code purpose}) is on this step. */
        boolean holds(@Nullable String input) {
            return input != null && inputs.contains(head(input));
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
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

    /** An empty form with these parties filled in (the node's own authority, on one side). */
    static ContentForm parties(
            @Nullable String requestingName,
            @Nullable CountryCode requestingState,
            @Nullable String requestedName,
            @Nullable CountryCode requestedState) {
        var content = new RequestContent(
                authority(requestingName, requestingState),
                authority(requestedName, requestedState),
                "UNCC",
                List.of(),
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null);
        return of(content);
    }

    /** The form showing stored content; empty lists show one blank row to fill in. */
    static ContentForm of(RequestContent c) {
        var offences = c.offences().stream()
                .map(o -> new OffenceRow(
                        o.domesticProvision(),
                        o.conductCategories().stream()
                                .map(ConductCode::value)
                                .collect(Collectors.toCollection(TreeSet::new)),
                        o.maximumPenaltyMonths() == null
                                ? null
                                : o.maximumPenaltyMonths().toString()))
                .collect(Collectors.toCollection(ArrayList::new));
        if (offences.isEmpty()) {
            offences.add(blankOffence());
        }
        var subjects = c.subjects().stream()
                .map(s -> {
                    var identifiers = s.identifiers().stream()
                            .map(i -> new IdentifierRow(
                                    i.type(),
                                    i.value(),
                                    i.observedAt() == null
                                            ? null
                                            : LocalDateTime.ofInstant(i.observedAt(), zone(i.timeZone()))
                                                    .toString(),
                                    i.timeZone()))
                            .collect(Collectors.toCollection(ArrayList::new));
                    if (identifiers.isEmpty()) {
                        identifiers.add(blankIdentifier());
                    }
                    return new SubjectRow(
                            s.role(),
                            s.name(),
                            s.nationality() == null ? null : s.nationality().value(),
                            s.location(),
                            identifiers,
                            s.protectedRoles(),
                            s.characteristics(),
                            s.authorisedTesting());
                })
                .collect(Collectors.toCollection(ArrayList::new));
        if (subjects.isEmpty()) {
            subjects.add(blankSubject());
        }
        var prior = c.priorProceedings().stream()
                .map(p -> new PriorRow(
                        p.state() == null ? null : p.state().value(),
                        p.subject() == null ? null : p.subject().toString(),
                        p.conduct().stream().map(ConductCode::value).collect(Collectors.toCollection(TreeSet::new)),
                        p.outcome(),
                        p.reference()))
                .toList();
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
                offences,
                c.summaryOfFacts(),
                c.purpose(),
                c.deathPenaltyAssurances(),
                c.matters(),
                subjects,
                data == null ? Set.of() : data.categories(),
                data == null || data.from() == null ? null : day(data.from()),
                data == null || data.to() == null ? null : day(data.to()),
                data == null ? null : data.provider(),
                data != null && data.allData(),
                data != null && data.unidentifiedAccounts(),
                prior,
                c.urgency() == null ? null : c.urgency().level(),
                c.urgency() == null ? null : c.urgency().imminentRisk(),
                safeguards == null ? null : safeguards.authorisingBody(),
                safeguards != null && safeguards.judicialOrIndependent(),
                safeguards == null ? null : safeguards.legalGrounds(),
                safeguards == null ? null : safeguards.proportionality(),
                safeguards == null || safeguards.durationDays() == null
                        ? null
                        : safeguards.durationDays().toString(),
                c.compelled(),
                conf != null && conf.required(),
                conf == null || conf.endsOn() == null ? null : conf.endsOn().toString(),
                cond != null && cond.speciality(),
                cond != null && cond.onwardTransferNeedsConsent(),
                cond == null || cond.onwardTransferTo().isEmpty()
                        ? null
                        : cond.onwardTransferTo().stream()
                                .map(CountryCode::value)
                                .collect(Collectors.joining(", ")),
                cond == null ? null : cond.other());
    }

    /** The form as posted: every input by its name, lists from their indexed inputs in index order. */
    static ContentForm read(Map<String, List<String>> params) {
        var p = new Params(params);
        var offences = new ArrayList<OffenceRow>();
        for (String row : p.rows("offences")) {
            offences.add(new OffenceRow(
                    p.one(row + ".domesticProvision"),
                    new TreeSet<>(p.all(row + ".conductCategories")),
                    p.one(row + ".maximumPenaltyMonths")));
        }
        var subjects = new ArrayList<SubjectRow>();
        for (String row : p.rows("subjects")) {
            var identifiers = new ArrayList<IdentifierRow>();
            for (String i : p.rows(row + ".identifiers")) {
                identifiers.add(new IdentifierRow(
                        p.constant(i + ".type", Identifier.Type.class),
                        p.one(i + ".value"),
                        p.one(i + ".observedAt"),
                        p.one(i + ".timeZone")));
            }
            subjects.add(new SubjectRow(
                    p.constant(row + ".role", Subject.Role.class),
                    p.one(row + ".name"),
                    p.one(row + ".nationality"),
                    p.one(row + ".location"),
                    identifiers,
                    p.constants(row + ".protectedRoles", ProtectedRole.class),
                    p.constants(row + ".characteristics", Characteristic.class),
                    p.flag(row + ".authorisedTesting")));
        }
        var prior = new ArrayList<PriorRow>();
        for (String row : p.rows("priorProceedings")) {
            prior.add(new PriorRow(
                    p.one(row + ".state"),
                    p.one(row + ".subject"),
                    new TreeSet<>(p.all(row + ".conduct")),
                    p.constant(row + ".outcome", PriorProceeding.Outcome.class),
                    p.one(row + ".reference")));
        }
        return new ContentForm(
                p.one("requestingName"),
                p.one("requestingState"),
                p.one("requestedName"),
                p.one("requestedState"),
                p.one("legalBasis"),
                offences,
                p.one("summaryOfFacts"),
                p.one("purpose"),
                p.flag("deathPenaltyAssurances"),
                p.constants("matters", Matter.class),
                subjects,
                p.constants("dataCategories", DataCategory.class),
                p.one("dataFrom"),
                p.one("dataTo"),
                p.one("provider"),
                p.flag("allData"),
                p.flag("unidentifiedAccounts"),
                prior,
                p.constant("urgency", RequestContent.Urgency.Level.class),
                p.one("imminentRisk"),
                p.one("authorisingBody"),
                p.flag("judicialOrIndependent"),
                p.one("legalGrounds"),
                p.one("proportionality"),
                p.one("durationDays"),
                p.constants("compelled", CompelledAssistance.class),
                p.flag("confidential"),
                p.one("confidentialUntil"),
                p.flag("speciality"),
                p.flag("onwardTransferNeedsConsent"),
                p.one("onwardTransferTo"),
                p.one("otherConditions"));
    }

    /**
     * Adds or removes a row as a submit button asked ({@code add:offences}, {@code
     * remove:subjects[0].identifiers[1]}), on the posted inputs, so every value typed so far is kept.
     * Adding beyond a list's bound adds nothing and reports it on the list.
     */
    static Map<String, List<String>> edit(Map<String, List<String>> params, String edit, List<Violation> problems) {
        var result = new LinkedHashMap<String, List<String>>(params);
        if (edit.startsWith("remove:")) {
            var row = edit.substring("remove:".length());
            if (row.matches("(offences|subjects|priorProceedings)" + INDEX + "(\\.identifiers" + INDEX + ")?")) {
                int removedSubject = row.matches("subjects" + INDEX)
                        ? new Params(result).rows("subjects").indexOf(row)
                        : -1;
                result.keySet().removeIf(k -> k.startsWith(row + "."));
                if (removedSubject >= 0) {
                    renumberPriorSubjects(result, removedSubject, problems);
                }
            }
            return result;
        }
        if (!edit.startsWith("add:")) {
            return result;
        }
        var list = edit.substring("add:".length());
        var p = new Params(result);
        var rows = p.rows(list);
        int next = rows.isEmpty() ? 0 : index(rows.getLast()) + 1;
        String first;
        int max;
        if (list.equals("offences")) {
            first = ".domesticProvision";
            max = MAX_OFFENCES;
        } else if (list.equals("subjects")) {
            first = ".name";
            max = MAX_SUBJECTS;
        } else if (list.equals("priorProceedings")) {
            first = ".reference";
            max = MAX_PRIOR_PROCEEDINGS;
        } else if (list.matches("subjects" + INDEX + "\\.identifiers")) {
            first = ".value";
            max = MAX_IDENTIFIERS;
        } else {
            return result;
        }
        if (rows.size() >= max) {
            problems.add(tooMany(list, max));
            return result;
        }
        result.put(list + "[" + next + "]" + first, List.of(""));
        if (list.equals("subjects")) {
            result.put(list + "[" + next + "].identifiers[0].value", List.of(""));
        }
        return result;
    }

    /**
     * Where focus goes when the page comes back from {@link #edit} (the id of one element, which gets
     * {@code autofocus}), so a keyboard or screen reader user carries on where the button was: the first
     * field of an added row; the "Add" button of the list a row was removed from; or, when the edit
     * raised a problem (a full list, a proceeding left without its subject), the first one's field.
     *
     * @param params the inputs after the edit, row indexes as posted
     * @param form the form read from them, rows numbered by position as the page shows them
     */
    static @Nullable String focusAfter(
            String edit, Map<String, List<String>> params, ContentForm form, List<Violation> problems) {
        if (!problems.isEmpty()) {
            return problems.getFirst().field();
        }
        var subjectRows = new Params(params).rows("subjects");
        var identifiers = Pattern.compile("(subjects" + INDEX + ")\\.identifiers(" + INDEX + ")?");
        if (edit.startsWith("add:")) {
            var list = edit.substring("add:".length());
            var m = identifiers.matcher(list);
            if (list.equals("offences") && !form.offences().isEmpty()) {
                return "offences[" + (form.offences().size() - 1) + "].domesticProvision";
            } else if (list.equals("subjects") && !form.subjects().isEmpty()) {
                return "subjects[" + (form.subjects().size() - 1) + "].role";
            } else if (list.equals("priorProceedings")
                    && !form.priorProceedings().isEmpty()) {
                return "priorProceedings[" + (form.priorProceedings().size() - 1) + "].state";
            } else if (m.matches() && m.group(3) == null) {
                int subject = subjectRows.indexOf(m.group(1));
                if (subject >= 0 && subject < form.subjects().size()) {
                    int last = form.subjects().get(subject).identifiers().size() - 1;
                    return last < 0 ? null : "subjects[" + subject + "].identifiers[" + last + "].type";
                }
            }
            return null;
        }
        if (edit.startsWith("remove:")) {
            var row = edit.substring("remove:".length());
            var m = identifiers.matcher(row);
            if (m.matches() && m.group(3) != null) {
                int subject = subjectRows.indexOf(m.group(1));
                return subject < 0 ? null : "add:subjects[" + subject + "].identifiers";
            }
            var list = head(row);
            return row.matches("(offences|subjects|priorProceedings)" + INDEX) ? "add:" + list : null;
        }
        return null;
    }

    /**
     * A prior proceeding names its subject by position in the list, so removing the subject at {@code
     * removed} moves the later ones up: proceedings against them follow. A proceeding against the removed
     * person is left without a subject and says so next to its field, rather than silently pointing at
     * whoever now holds that position.
     */
    private static void renumberPriorSubjects(Map<String, List<String>> params, int removed, List<Violation> problems) {
        var prior = new Params(params).rows("priorProceedings");
        for (int position = 0; position < prior.size(); position++) {
            var input = prior.get(position) + ".subject";
            var value = params.get(input);
            if (value == null || value.isEmpty() || blank(value.getFirst())) {
                continue;
            }
            int subject;
            try {
                subject = Integer.parseInt(value.getFirst().strip());
            } catch (NumberFormatException e) {
                continue;
            }
            if (subject == removed) {
                params.put(input, List.of(""));
                // Named as the row will be shown: rows are numbered by position when the form is read.
                problems.add(new Violation(
                        "priorProceedings[" + position + "].subject",
                        "prior-subject-removed",
                        "the person this proceeding was against was removed; choose the subject again or"
                                + " leave it empty"));
            } else if (subject > removed) {
                params.put(input, List.of(Integer.toString(subject - 1)));
            }
        }
    }

    /** This step's fields from the posted form, every other field from what is stored. */
    ContentForm merge(Step step, ContentForm stored) {
        boolean p = step == Step.PARTIES;
        boolean o = step == Step.OFFENCE;
        boolean s = step == Step.SUBJECTS;
        boolean c = step == Step.CONDITIONS;
        return new ContentForm(
                p ? requestingName : stored.requestingName,
                p ? requestingState : stored.requestingState,
                p ? requestedName : stored.requestedName,
                p ? requestedState : stored.requestedState,
                p ? legalBasis : stored.legalBasis,
                o ? offences : stored.offences,
                o ? summaryOfFacts : stored.summaryOfFacts,
                o ? purpose : stored.purpose,
                o ? deathPenaltyAssurances : stored.deathPenaltyAssurances,
                o ? matters : stored.matters,
                s ? subjects : stored.subjects,
                s ? dataCategories : stored.dataCategories,
                s ? dataFrom : stored.dataFrom,
                s ? dataTo : stored.dataTo,
                s ? provider : stored.provider,
                s ? allData : stored.allData,
                s ? unidentifiedAccounts : stored.unidentifiedAccounts,
                s ? priorProceedings : stored.priorProceedings,
                c ? urgency : stored.urgency,
                c ? imminentRisk : stored.imminentRisk,
                c ? authorisingBody : stored.authorisingBody,
                c ? judicialOrIndependent : stored.judicialOrIndependent,
                c ? legalGrounds : stored.legalGrounds,
                c ? proportionality : stored.proportionality,
                c ? durationDays : stored.durationDays,
                c ? compelled : stored.compelled,
                c ? confidential : stored.confidential,
                c ? confidentialUntil : stored.confidentialUntil,
                c ? speciality : stored.speciality,
                c ? onwardTransferNeedsConsent : stored.onwardTransferNeedsConsent,
                c ? onwardTransferTo : stored.onwardTransferTo,
                c ? otherConditions : stored.otherConditions);
    }

    /**
     * The content these fields describe, without the rows left blank. Values that cannot even be read
     * (a malformed State code or date, a penalty that is not a number, too many rows) are reported as
     * violations on their inputs; missing values are left for casework's content rules to report.
     */
    RequestContent content() {
        var problems = new ArrayList<Violation>();
        var requesting = authority(requestingName, state(requestingState, "requestingState", problems));
        var requested = authority(requestedName, state(requestedState, "requestedState", problems));
        if (offences.size() > MAX_OFFENCES) {
            problems.add(tooMany("offences", MAX_OFFENCES));
        }
        if (subjects.size() > MAX_SUBJECTS) {
            problems.add(tooMany("subjects", MAX_SUBJECTS));
        }
        if (priorProceedings.size() > MAX_PRIOR_PROCEEDINGS) {
            problems.add(tooMany("priorProceedings", MAX_PRIOR_PROCEEDINGS));
        }
        var offenceList = new ArrayList<RequestContent.Offence>();
        for (int r : kept(offences, OffenceRow::blank)) {
            var row = offences.get(r);
            var name = "offences[" + r + "]";
            offenceList.add(new RequestContent.Offence(
                    trim(row.domesticProvision()),
                    conduct(row.conductCategories(), name + ".conductCategories", problems),
                    number(row.maximumPenaltyMonths(), name + ".maximumPenaltyMonths", problems)));
        }
        var subjectList = new ArrayList<Subject>();
        var keptSubjects = kept(subjects, SubjectRow::blank);
        for (int r : keptSubjects) {
            var row = subjects.get(r);
            var name = "subjects[" + r + "]";
            if (row.identifiers().size() > MAX_IDENTIFIERS) {
                problems.add(tooMany(name + ".identifiers", MAX_IDENTIFIERS));
            }
            var identifiers = new ArrayList<Identifier>();
            for (int i : kept(row.identifiers(), IdentifierRow::blank)) {
                var identifier = row.identifiers().get(i);
                var at = name + ".identifiers[" + i + "]";
                identifiers.add(new Identifier(
                        identifier.type(),
                        trim(identifier.value()),
                        moment(identifier.observedAt(), identifier.timeZone(), at, problems),
                        trim(identifier.timeZone())));
            }
            subjectList.add(new Subject(
                    row.role(),
                    trim(row.name()),
                    state(row.nationality(), name + ".nationality", problems),
                    trim(row.location()),
                    identifiers,
                    row.protectedRoles(),
                    row.characteristics(),
                    row.authorisedTesting()));
        }
        var priorList = new ArrayList<PriorProceeding>();
        for (int r : kept(priorProceedings, PriorRow::blank)) {
            var row = priorProceedings.get(r);
            var name = "priorProceedings[" + r + "]";
            var subjectRow = number(row.subject(), name + ".subject", problems);
            Integer subject =
                    subjectRow == null || !keptSubjects.contains(subjectRow) ? null : keptSubjects.indexOf(subjectRow);
            priorList.add(new PriorProceeding(
                    state(row.state(), name + ".state", problems),
                    subject,
                    conduct(row.conduct(), name + ".conduct", problems),
                    row.outcome(),
                    trim(row.reference())));
        }
        RequestContent.DataSought data = null;
        var from = date(dataFrom, "dataFrom", problems);
        var to = date(dataTo, "dataTo", problems);
        if (!dataCategories.isEmpty()
                || from != null
                || to != null
                || !blank(provider)
                || allData
                || unidentifiedAccounts) {
            data = new RequestContent.DataSought(
                    dataCategories,
                    from == null ? null : RequestContent.DataSought.startOf(from, ZoneOffset.UTC),
                    to == null ? null : RequestContent.DataSought.endOf(to, ZoneOffset.UTC),
                    trim(provider),
                    allData,
                    unidentifiedAccounts);
        }
        var onward = new ArrayList<CountryCode>();
        if (!blank(onwardTransferTo)) {
            for (String code : onwardTransferTo.split("[,;\\s]+")) {
                var state = state(code, "onwardTransferTo", problems);
                if (state != null && !onward.contains(state)) {
                    onward.add(state);
                }
            }
        }
        var until = date(confidentialUntil, "confidentialUntil", problems);
        var duration = number(durationDays, "durationDays", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems.stream().distinct().toList());
        }
        return new RequestContent(
                requesting,
                requested,
                trim(legalBasis),
                offenceList,
                trim(summaryOfFacts),
                subjectList,
                data,
                trim(purpose),
                new RequestContent.Urgency(urgency, trim(imminentRisk)),
                new RequestContent.MeasureSafeguards(
                        trim(authorisingBody),
                        judicialOrIndependent,
                        trim(legalGrounds),
                        trim(proportionality),
                        duration),
                new RequestContent.Confidentiality(confidential, until),
                new RequestContent.UseConditions(speciality, onwardTransferNeedsConsent, trim(otherConditions), onward),
                compelled,
                deathPenaltyAssurances,
                priorList,
                matters);
    }

    private static final Pattern ROW_PATH = Pattern.compile("^(offences|subjects|priorProceedings)\\[(\\d+)\\](.*)$");
    private static final Pattern IDENTIFIER_PATH = Pattern.compile("^\\.identifiers\\[(\\d+)\\](.*)$");

    /**
     * The input a casework violation belongs to, or null to show it above the form. Paths into lists
     * count only the rows that are part of the content; they are mapped back onto the rows on screen.
     */
    @Nullable
    String inputFor(String path) {
        var p = path.startsWith("content.") ? path.substring("content.".length()) : path;
        if (p.startsWith("requestingAuthority")) {
            return p.endsWith(".state") ? "requestingState" : "requestingName";
        }
        if (p.startsWith("requestedAuthority")) {
            return p.endsWith(".state") ? "requestedState" : "requestedName";
        }
        // "Name at least one offence" belongs next to the blank row on screen, if there is one.
        if (p.equals("offences") && !offences.isEmpty()) {
            return "offences[0].domesticProvision";
        }
        if (p.equals("subjects") && !subjects.isEmpty()) {
            return "subjects[0].name";
        }
        var row = ROW_PATH.matcher(p);
        if (row.matches()) {
            var list = row.group(1);
            int k = Integer.parseInt(row.group(2));
            var rest = row.group(3);
            return switch (list) {
                case "offences" -> {
                    var name = "offences[" + onScreen(kept(offences, OffenceRow::blank), k) + "]";
                    yield name
                            + (rest.equals(".conductCategories") || rest.equals(".maximumPenaltyMonths")
                                    ? rest
                                    : ".domesticProvision");
                }
                case "subjects" -> {
                    int r = onScreen(kept(subjects, SubjectRow::blank), k);
                    var name = "subjects[" + r + "]";
                    var identifier = IDENTIFIER_PATH.matcher(rest);
                    if (identifier.matches()) {
                        var rows = r < subjects.size()
                                ? kept(subjects.get(r).identifiers(), IdentifierRow::blank)
                                : List.<Integer>of();
                        var field = identifier.group(2);
                        yield name + ".identifiers[" + onScreen(rows, Integer.parseInt(identifier.group(1))) + "]"
                                + (List.of(".type", ".observedAt", ".timeZone").contains(field) ? field : ".value");
                    }
                    if (rest.equals(".identifiers")) {
                        yield name + ".identifiers";
                    }
                    yield name
                            + (List.of(
                                                    ".role",
                                                    ".nationality",
                                                    ".location",
                                                    ".protectedRoles",
                                                    ".characteristics",
                                                    ".authorisedTesting")
                                            .contains(rest)
                                    ? rest
                                    : ".name");
                }
                default -> {
                    var name = "priorProceedings[" + onScreen(kept(priorProceedings, PriorRow::blank), k) + "]";
                    yield name
                            + (List.of(".state", ".subject", ".conduct", ".outcome")
                                            .contains(rest)
                                    ? rest
                                    : ".reference");
                }
            };
        }
        if (p.startsWith("dataSought")) {
            if (p.endsWith(".from")) {
                return "dataFrom";
            }
            if (p.endsWith(".to")) {
                return "dataTo";
            }
            if (p.endsWith(".allData") || p.endsWith(".unidentifiedAccounts")) {
                return p.substring(p.lastIndexOf('.') + 1);
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
        if (p.startsWith("conditions.onwardTransferTo")) {
            return "onwardTransferTo";
        }
        for (Step step : Step.values()) {
            if (step.holds(p)) {
                return p;
            }
        }
        return null;
    }

    /** The step holding an input, so a problem on the review page can link to it. */
    static Step stepOf(@Nullable String input) {
        for (Step step : Step.values()) {
            if (step.holds(input)) {
                return step;
            }
        }
        return Step.PARTIES;
    }

    /** The subject rows that a prior proceeding may point at, labelled by their position. */
    public List<Integer> subjectIndexes() {
        var all = new ArrayList<Integer>();
        for (int i = 0; i < subjects.size(); i++) {
            all.add(i);
        }
        return all;
    }

    /** The number (from 1) of the subject a prior proceeding points at, for the content section. */
    public @Nullable Integer subjectNumber(@Nullable String index) {
        if (blank(index)) {
            return null;
        }
        try {
            int i = Integer.parseInt(index.strip());
            return i >= 0 && i < subjects.size() ? i + 1 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static OffenceRow blankOffence() {
        return new OffenceRow(null, Set.of(), null);
    }

    static IdentifierRow blankIdentifier() {
        return new IdentifierRow(null, null, null, null);
    }

    static SubjectRow blankSubject() {
        return new SubjectRow(null, null, null, null, List.of(blankIdentifier()), Set.of(), Set.of(), false);
    }

    private static String head(String input) {
        int end = input.length();
        for (char c : new char[] {'[', '.'}) {
            int at = input.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return input.substring(0, end);
    }

    private static Violation tooMany(String list, int max) {
        return new Violation(list, "too-many-rows", "at most " + max + " in this list");
    }

    private static <T> List<Integer> kept(List<T> rows, java.util.function.Predicate<T> blank) {
        var kept = new ArrayList<Integer>();
        for (int i = 0; i < rows.size(); i++) {
            if (!blank.test(rows.get(i))) {
                kept.add(i);
            }
        }
        return kept;
    }

    private static int onScreen(List<Integer> kept, int k) {
        return k >= 0 && k < kept.size() ? kept.get(k) : k;
    }

    private static int index(String row) {
        return Integer.parseInt(row.substring(row.lastIndexOf('[') + 1, row.length() - 1));
    }

    private static Set<ConductCode> conduct(Set<String> codes, String input, List<Violation> problems) {
        var result = new LinkedHashSet<ConductCode>();
        for (String code : codes) {
            if (code != null && !code.isBlank()) {
                try {
                    result.add(new ConductCode(code.strip()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Violation(input, "unknown-conduct", "choose conduct categories from the list"));
                }
            }
        }
        return result;
    }

    private static @Nullable Authority authority(@Nullable String name, @Nullable CountryCode state) {
        return blank(name) && state == null ? null : new Authority(trim(name), state);
    }

    private static @Nullable CountryCode state(@Nullable String code, String input, List<Violation> problems) {
        if (blank(code)) {
            return null;
        }
        try {
            return CountryCode.of(code.strip());
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
            @Nullable String local, @Nullable String timeZone, String identifier, List<Violation> problems) {
        if (blank(local)) {
            return null;
        }
        ZoneId zone;
        try {
            zone = blank(timeZone) ? ZoneOffset.UTC : ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            problems.add(
                    new Violation(identifier + ".timeZone", "time-zone", "a time zone such as Europe/Paris or UTC"));
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Violation(identifier + ".observedAt", "date-time-format", "a date and time"));
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

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String trim(@Nullable String s) {
        return blank(s) ? null : s.strip();
    }

    /** The posted parameters, read by input name. */
    private record Params(Map<String, List<String>> values) {

        @Nullable
        String one(String name) {
            var list = values.get(name);
            return list == null || list.isEmpty() ? null : list.getFirst();
        }

        List<String> all(String name) {
            var list = values.get(name);
            return list == null
                    ? List.of()
                    : list.stream().filter(v -> v != null && !v.isBlank()).toList();
        }

        boolean flag(String name) {
            return all(name).contains("true");
        }

        <E extends Enum<E>> @Nullable E constant(String name, Class<E> type) {
            var value = one(name);
            if (blank(value)) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        <E extends Enum<E>> Set<E> constants(String name, Class<E> type) {
            var set = new TreeSet<E>();
            for (String value : all(name)) {
                try {
                    set.add(Enum.valueOf(type, value.strip()));
                } catch (IllegalArgumentException e) {
                    // Not one of the options the form offers: ignored, as a browser never posts it.
                }
            }
            return set;
        }

        /** The rows of a list ({@code offences[3]}, …) in index order. */
        List<String> rows(String list) {
            var pattern = Pattern.compile("^" + Pattern.quote(list) + INDEX + "\\..*");
            var indexes = new TreeSet<Integer>();
            for (String key : values.keySet()) {
                var m = pattern.matcher(key);
                if (m.matches()) {
                    indexes.add(Integer.parseInt(m.group(1)));
                }
            }
            return indexes.stream().map(i -> list + "[" + i + "]").toList();
        }
    }
}
