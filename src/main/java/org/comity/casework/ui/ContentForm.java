package org.comity.casework.ui;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.comity.casework.domain.RequestContent;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The content of a request as the console's forms post it, one {@link StepForm} per drafting step.
 * Lists (offences, subjects, a subject's identifiers, prior proceedings) are posted as indexed inputs
 * named like casework's field paths ({@code offences[1].maximumPenaltyMonths}), so casework's violations
 * land next to the input they are about; rows are added and removed by {@link RowEdits}. Rows left
 * entirely blank are not part of the content; {@link #inputFor} maps a violation on the n-th offence of
 * the content back onto the row the user sees.
 */
record ContentForm(PartiesForm parties, OffenceForm offence, SubjectsForm subjects, ConditionsForm conditions) {

    /** The steps of the drafting form; the inputs each one posts are its record's components. */
    enum Step {
        PARTIES(PartiesForm.class, PartiesForm::read, ContentForm::parties),
        OFFENCE(OffenceForm.class, OffenceForm::read, ContentForm::offence),
        SUBJECTS(SubjectsForm.class, SubjectsForm::read, ContentForm::subjects),
        CONDITIONS(ConditionsForm.class, ConditionsForm::read, ContentForm::conditions);

        final List<String> inputs;
        private final Function<Posted, StepForm> read;
        private final Function<ContentForm, StepForm> part;

        Step(Class<? extends StepForm> type, Function<Posted, StepForm> read, Function<ContentForm, StepForm> part) {
            this.inputs = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            this.read = read;
            this.part = part;
        }

        /** Whether an input ({@code offences[1].domesticProvision}, {@code purpose}) is on this step. */
        boolean holds(@Nullable String input) {
            return input != null && inputs.contains(Inputs.head(input));
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
        return of(RequestContent.EMPTY);
    }

    /** An empty form with these parties filled in (the node's own authority, on one side). */
    static ContentForm parties(
            @Nullable String requestingName,
            @Nullable CountryCode requestingState,
            @Nullable String requestedName,
            @Nullable CountryCode requestedState) {
        return of(RequestContent.EMPTY
                .withRequestingAuthority(PartiesForm.authority(requestingName, requestingState))
                .withRequestedAuthority(PartiesForm.authority(requestedName, requestedState))
                .withLegalBasis("UNCC"));
    }

    /** The form showing stored content; empty lists show one blank row to fill in. */
    static ContentForm of(RequestContent c) {
        return new ContentForm(PartiesForm.of(c), OffenceForm.of(c), SubjectsForm.of(c), ConditionsForm.of(c));
    }

    /** The form as posted: every input by its name, lists from their indexed inputs in index order. */
    static ContentForm read(Map<String, List<String>> params) {
        var p = new Posted(params);
        return new ContentForm(PartiesForm.read(p), OffenceForm.read(p), SubjectsForm.read(p), ConditionsForm.read(p));
    }

    /** See {@link RowEdits#edit}. */
    static Map<String, List<String>> edit(Map<String, List<String>> params, String edit, List<Violation> problems) {
        return RowEdits.edit(params, edit, problems);
    }

    /** See {@link RowEdits#focusAfter}. */
    static @Nullable String focusAfter(
            String edit, Map<String, List<String>> params, ContentForm form, List<Violation> problems) {
        return RowEdits.focusAfter(edit, params, form, problems);
    }

    /** This step's fields as posted, every other step as stored. */
    static ContentForm posted(Step step, Map<String, List<String>> params, ContentForm stored) {
        return stored.with(step.read.apply(new Posted(params)));
    }

    ContentForm with(StepForm step) {
        return switch (step) {
            case PartiesForm p -> new ContentForm(p, offence, subjects, conditions);
            case OffenceForm o -> new ContentForm(parties, o, subjects, conditions);
            case SubjectsForm s -> new ContentForm(parties, offence, s, conditions);
            case ConditionsForm c -> new ContentForm(parties, offence, subjects, c);
        };
    }

    StepForm step(Step step) {
        return step.part.apply(this);
    }

    /**
     * The content these fields describe, without the rows left blank; every value that cannot be read,
     * of every step, is reported at once.
     */
    RequestContent content() {
        var problems = new ArrayList<Violation>();
        var content = RequestContent.EMPTY;
        for (Step step : Step.values()) {
            content = step(step).applyTo(content, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems.stream().distinct().toList());
        }
        return content;
    }

    /**
     * The input a casework violation belongs to, or null to show it above the form. Paths into lists
     * count only the rows that are part of the content; they are mapped back onto the rows on screen.
     */
    @Nullable
    String inputFor(String path) {
        var p = path.startsWith("content.") ? path.substring("content.".length()) : path;
        for (Step step : Step.values()) {
            var input = step(step).inputFor(p);
            if (input != null) {
                return input;
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
}
