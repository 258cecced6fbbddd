package org.comity.casework.ui;

import java.util.List;
import org.comity.casework.domain.RequestContent;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one drafting step as its form posts them. Each step reads, shows and applies only its
 * own items of content; its record components are its inputs' names ({@link ContentForm.Step#holds}),
 * so a new field is one component, read in {@code read} and shown in {@code of}.
 */
sealed interface StepForm permits PartiesForm, OffenceForm, SubjectsForm, ConditionsForm {

    /**
     * The content with this step's items replaced by what the form says. Values that cannot even be read
     * (a malformed State code or date, a penalty that is not a number, too many rows) are added to {@code
     * problems} on their inputs; missing values are left for casework's content rules to report.
     */
    RequestContent applyTo(RequestContent content, List<Violation> problems);

    /**
     * The input of this step a casework field path ({@code content.offences[0].maximumPenaltyMonths},
     * without {@code content.}) belongs to, or null if it is not this step's.
     */
    @Nullable
    String inputFor(String path);
}
