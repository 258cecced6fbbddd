package org.comity.casework.ui;

import static org.comity.casework.ui.Inputs.kept;
import static org.comity.casework.ui.Inputs.onScreen;
import static org.comity.casework.ui.Inputs.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.comity.casework.domain.RequestContent;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/** Step 2: the offences, the facts, the purpose, and what the assessment reads of them. */
record OffenceForm(
        List<OffenceRow> offences,
        @Nullable String summaryOfFacts,
        @Nullable String purpose,
        boolean deathPenaltyAssurances,
        Set<Matter> matters)
        implements StepForm {

    /** Beyond this a request is a fishing expedition or a typing accident; the API has its own limits. */
    static final int MAX_OFFENCES = 20;

    private static final Pattern ROW = Pattern.compile("^offences\\[(\\d+)\\](.*)$");

    /** One offence as the form shows it. */
    record OffenceRow(
            @Nullable String domesticProvision,
            Set<String> conductCategories,
            @Nullable String maximumPenaltyMonths) {
        static final OffenceRow BLANK = new OffenceRow(null, Set.of(), null);

        public boolean blank() {
            return Inputs.blank(domesticProvision) && conductCategories.isEmpty() && Inputs.blank(maximumPenaltyMonths);
        }

        public boolean has(String code) {
            return conductCategories.contains(code);
        }
    }

    static OffenceForm read(Posted p) {
        var offences = new ArrayList<OffenceRow>();
        for (String row : p.rows("offences")) {
            offences.add(new OffenceRow(
                    p.one(row + ".domesticProvision"),
                    new TreeSet<>(p.all(row + ".conductCategories")),
                    p.one(row + ".maximumPenaltyMonths")));
        }
        return new OffenceForm(
                offences,
                p.one("summaryOfFacts"),
                p.one("purpose"),
                p.flag("deathPenaltyAssurances"),
                p.constants("matters", Matter.class));
    }

    /** The step showing stored content; no offence shows one blank row to fill in. */
    static OffenceForm of(RequestContent c) {
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
            offences.add(OffenceRow.BLANK);
        }
        return new OffenceForm(offences, c.summaryOfFacts(), c.purpose(), c.deathPenaltyAssurances(), c.matters());
    }

    @Override
    public RequestContent applyTo(RequestContent content, List<Violation> problems) {
        if (offences.size() > MAX_OFFENCES) {
            problems.add(Inputs.tooMany("offences", MAX_OFFENCES));
        }
        var list = new ArrayList<RequestContent.Offence>();
        for (int r : kept(offences, OffenceRow::blank)) {
            var row = offences.get(r);
            var name = "offences[" + r + "]";
            var provision = trim(row.domesticProvision());
            list.add(new RequestContent.Offence(
                    provision,
                    Inputs.conduct(row.conductCategories(), name + ".conductCategories", problems),
                    Inputs.number(row.maximumPenaltyMonths(), name + ".maximumPenaltyMonths", problems),
                    // The step does not show the "without right" basis (entered through the API): an edit
                    // keeps the basis of the offence citing the same provision rather than dropping it.
                    content.offences().stream()
                            .filter(o -> provision != null && provision.equals(o.domesticProvision()))
                            .map(RequestContent.Offence::withoutRightBasis)
                            .filter(java.util.Objects::nonNull)
                            .findFirst()
                            .orElse(null)));
        }
        return content.withOffences(list)
                .withSummaryOfFacts(trim(summaryOfFacts))
                .withPurpose(trim(purpose))
                .withDeathPenaltyAssurances(deathPenaltyAssurances)
                .withMatters(matters);
    }

    @Override
    public @Nullable String inputFor(String path) {
        // "Name at least one offence" belongs next to the blank row on screen, if there is one.
        if (path.equals("offences") && !offences.isEmpty()) {
            return "offences[0].domesticProvision";
        }
        var row = ROW.matcher(path);
        if (row.matches()) {
            var rest = row.group(2);
            return "offences[" + onScreen(kept(offences, OffenceRow::blank), Integer.parseInt(row.group(1))) + "]"
                    + (rest.equals(".conductCategories") || rest.equals(".maximumPenaltyMonths")
                            ? rest
                            : ".domesticProvision");
        }
        return ContentForm.Step.OFFENCE.holds(path) ? path : null;
    }
}
