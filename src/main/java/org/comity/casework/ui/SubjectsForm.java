package org.comity.casework.ui;

import static org.comity.casework.ui.Inputs.blank;
import static org.comity.casework.ui.Inputs.kept;
import static org.comity.casework.ui.Inputs.onScreen;
import static org.comity.casework.ui.Inputs.state;
import static org.comity.casework.ui.Inputs.trim;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestContent.Identifier;
import org.comity.casework.domain.RequestContent.PriorProceeding;
import org.comity.casework.domain.RequestContent.Subject;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.ProtectedRole;
import org.comity.shared.Violation;
import org.comity.treaty.DataCategory;
import org.jspecify.annotations.Nullable;

/**
 * Step 3: the persons concerned, the data sought and prior proceedings elsewhere. A prior proceeding
 * names its subject by the row's position, so the two lists are one step.
 */
record SubjectsForm(
        List<SubjectRow> subjects,
        Set<DataCategory> dataCategories,
        @Nullable String dataFrom,
        @Nullable String dataTo,
        @Nullable String provider,
        boolean allData,
        boolean unidentifiedAccounts,
        List<PriorRow> priorProceedings)
        implements StepForm {

    static final int MAX_SUBJECTS = 50;
    static final int MAX_IDENTIFIERS = 20;
    static final int MAX_PRIOR_PROCEEDINGS = 20;

    private static final Pattern ROW = Pattern.compile("^(subjects|priorProceedings)\\[(\\d+)\\](.*)$");
    private static final Pattern IDENTIFIER = Pattern.compile("^\\.identifiers\\[(\\d+)\\](.*)$");

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
        static final SubjectRow BLANK =
                new SubjectRow(null, null, null, null, List.of(IdentifierRow.BLANK), Set.of(), Set.of(), false);

        public boolean blank() {
            return role == null
                    && Inputs.blank(name)
                    && Inputs.blank(nationality)
                    && Inputs.blank(location)
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
        static final IdentifierRow BLANK = new IdentifierRow(null, null, null, null);

        public boolean blank() {
            return type == null && Inputs.blank(value) && Inputs.blank(observedAt) && Inputs.blank(timeZone);
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
            return Inputs.blank(state)
                    && Inputs.blank(subject)
                    && conduct.isEmpty()
                    && outcome == null
                    && Inputs.blank(reference);
        }

        public boolean has(String code) {
            return conduct.contains(code);
        }
    }

    static SubjectsForm read(Posted p) {
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
        return new SubjectsForm(
                subjects,
                p.constants("dataCategories", DataCategory.class),
                p.one("dataFrom"),
                p.one("dataTo"),
                p.one("provider"),
                p.flag("allData"),
                p.flag("unidentifiedAccounts"),
                prior);
    }

    /** The step showing stored content; empty lists show one blank row to fill in. */
    static SubjectsForm of(RequestContent c) {
        var subjects = c.subjects().stream()
                .map(s -> {
                    var identifiers = s.identifiers().stream()
                            .map(i -> new IdentifierRow(
                                    i.type(),
                                    i.value(),
                                    i.observedAt() == null
                                            ? null
                                            : LocalDateTime.ofInstant(i.observedAt(), Inputs.zone(i.timeZone()))
                                                    .toString(),
                                    i.timeZone()))
                            .collect(Collectors.toCollection(ArrayList::new));
                    if (identifiers.isEmpty()) {
                        identifiers.add(IdentifierRow.BLANK);
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
            subjects.add(SubjectRow.BLANK);
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
        return new SubjectsForm(
                subjects,
                data == null ? Set.of() : data.categories(),
                data == null || data.from() == null ? null : Inputs.day(data.from()),
                data == null || data.to() == null ? null : Inputs.day(data.to()),
                data == null ? null : data.provider(),
                data != null && data.allData(),
                data != null && data.unidentifiedAccounts(),
                prior);
    }

    @Override
    public RequestContent applyTo(RequestContent content, List<Violation> problems) {
        if (subjects.size() > MAX_SUBJECTS) {
            problems.add(Inputs.tooMany("subjects", MAX_SUBJECTS));
        }
        if (priorProceedings.size() > MAX_PRIOR_PROCEEDINGS) {
            problems.add(Inputs.tooMany("priorProceedings", MAX_PRIOR_PROCEEDINGS));
        }
        var subjectList = new ArrayList<Subject>();
        var keptSubjects = kept(subjects, SubjectRow::blank);
        for (int r : keptSubjects) {
            var row = subjects.get(r);
            var name = "subjects[" + r + "]";
            if (row.identifiers().size() > MAX_IDENTIFIERS) {
                problems.add(Inputs.tooMany(name + ".identifiers", MAX_IDENTIFIERS));
            }
            var identifiers = new ArrayList<Identifier>();
            for (int i : kept(row.identifiers(), IdentifierRow::blank)) {
                var identifier = row.identifiers().get(i);
                var at = name + ".identifiers[" + i + "]";
                identifiers.add(new Identifier(
                        identifier.type(),
                        trim(identifier.value()),
                        Inputs.moment(identifier.observedAt(), identifier.timeZone(), at, problems),
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
            var subjectRow = Inputs.number(row.subject(), name + ".subject", problems);
            Integer subject =
                    subjectRow == null || !keptSubjects.contains(subjectRow) ? null : keptSubjects.indexOf(subjectRow);
            priorList.add(new PriorProceeding(
                    state(row.state(), name + ".state", problems),
                    subject,
                    Inputs.conduct(row.conduct(), name + ".conduct", problems),
                    row.outcome(),
                    trim(row.reference())));
        }
        RequestContent.DataSought data = null;
        var from = Inputs.date(dataFrom, "dataFrom", problems);
        var to = Inputs.date(dataTo, "dataTo", problems);
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
        return content.withSubjects(subjectList).withDataSought(data).withPriorProceedings(priorList);
    }

    @Override
    public @Nullable String inputFor(String path) {
        if (path.equals("subjects") && !subjects.isEmpty()) {
            return "subjects[0].name";
        }
        var row = ROW.matcher(path);
        if (row.matches()) {
            int k = Integer.parseInt(row.group(2));
            var rest = row.group(3);
            if (row.group(1).equals("priorProceedings")) {
                return "priorProceedings[" + onScreen(kept(priorProceedings, PriorRow::blank), k) + "]"
                        + (List.of(".state", ".subject", ".conduct", ".outcome").contains(rest) ? rest : ".reference");
            }
            int r = onScreen(kept(subjects, SubjectRow::blank), k);
            var name = "subjects[" + r + "]";
            var identifier = IDENTIFIER.matcher(rest);
            if (identifier.matches()) {
                var rows = r < subjects.size()
                        ? kept(subjects.get(r).identifiers(), IdentifierRow::blank)
                        : List.<Integer>of();
                var field = identifier.group(2);
                return name + ".identifiers[" + onScreen(rows, Integer.parseInt(identifier.group(1))) + "]"
                        + (List.of(".type", ".observedAt", ".timeZone").contains(field) ? field : ".value");
            }
            if (rest.equals(".identifiers")) {
                return name + ".identifiers";
            }
            return name
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
        if (path.startsWith("dataSought")) {
            if (path.endsWith(".from")) {
                return "dataFrom";
            }
            if (path.endsWith(".to")) {
                return "dataTo";
            }
            if (path.endsWith(".allData") || path.endsWith(".unidentifiedAccounts")) {
                return path.substring(path.lastIndexOf('.') + 1);
            }
            return path.endsWith(".provider") ? "provider" : "dataCategories";
        }
        return ContentForm.Step.SUBJECTS.holds(path) ? path : null;
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
}
