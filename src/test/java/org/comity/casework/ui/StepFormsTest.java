package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.ui.ContentForm.Step;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.junit.jupiter.api.Test;

/** Each drafting step reads and applies only its own fields; its inputs are its record's components. */
class StepFormsTest {

    private static final RequestContent STORED = RequestContent.EMPTY
            .withRequestingAuthority(new RequestContent.Authority("Parquet", CountryCode.of("FR")))
            .withLegalBasis("UNCC")
            .withPurpose("to identify the account holder")
            .withConfidentiality(new RequestContent.Confidentiality(true, java.time.LocalDate.parse("2027-01-01")));

    @Test
    void aStepsInputsAreTheComponentsOfItsRecord() {
        assertThat(Step.PARTIES.inputs)
                .containsExactly("requestingName", "requestingState", "requestedName", "requestedState", "legalBasis");
        assertThat(Step.CONDITIONS.inputs).contains("authorisingBody", "confidentialUntil", "otherConditions");
        for (Step step : Step.values()) {
            for (Step other : Step.values()) {
                if (other != step) {
                    assertThat(step.inputs).doesNotContainAnyElementsOf(other.inputs);
                }
            }
        }
        assertThat(ContentForm.stepOf("subjects[2].identifiers[0].value")).isEqualTo(Step.SUBJECTS);
        assertThat(ContentForm.stepOf("durationDays")).isEqualTo(Step.CONDITIONS);
    }

    @Test
    void postingOneStepKeepsEveryOtherStepAsStored() {
        // The conditions step is posted without the purpose: the purpose (step 2) stays as stored.
        var posted = Map.of("urgency", List.of("URGENT"), "durationDays", List.of("30"));
        var content = ContentForm.posted(Step.CONDITIONS, posted, ContentForm.of(STORED))
                .content();

        assertThat(content.purpose()).isEqualTo("to identify the account holder");
        assertThat(content.requestingAuthority()).isEqualTo(STORED.requestingAuthority());
        assertThat(content.urgencyLevel()).isEqualTo(RequestContent.Urgency.Level.URGENT);
        assertThat(content.safeguards().durationDays()).isEqualTo(30);
        // The confidentiality box was not ticked in this post: the step's own fields are replaced whole.
        assertThat(content.confidentiality().required()).isFalse();
    }

    @Test
    void aStepAppliesOnlyItsOwnItemsOfContent() {
        var problems = new java.util.ArrayList<Violation>();
        var offence = OffenceForm.read(new Posted(Map.of("purpose", List.of("  new purpose "))));
        var content = offence.applyTo(STORED, problems);

        assertThat(problems).isEmpty();
        assertThat(content.purpose()).isEqualTo("new purpose");
        assertThat(content.legalBasis()).isEqualTo("UNCC");
        assertThat(content.confidentiality()).isEqualTo(STORED.confidentiality());
    }

    @Test
    void unreadableValuesOfEveryStepAreReportedAtOnce() {
        var form = ContentForm.read(Map.of(
                "requestingState", List.of("France"),
                "offences[0].maximumPenaltyMonths", List.of("ten"),
                "dataTo", List.of("31/03/2026"),
                "durationDays", List.of("a month")));

        assertThatThrownBy(form::content)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactlyInAnyOrder(
                                        "requestingState",
                                        "offences[0].maximumPenaltyMonths",
                                        "dataTo",
                                        "durationDays"));
    }

    @Test
    void everyCaseworkPathLandsOnTheInputOfItsStep() {
        var form = ContentForm.of(STORED);
        assertThat(form.inputFor("content.requestingAuthority.state")).isEqualTo("requestingState");
        assertThat(form.inputFor("content.offences")).isEqualTo("offences[0].domesticProvision");
        assertThat(form.inputFor("content.dataSought.to")).isEqualTo("dataTo");
        assertThat(form.inputFor("content.safeguards.authorisingBody")).isEqualTo("authorisingBody");
        assertThat(form.inputFor("content.confidentiality.endsOn")).isEqualTo("confidentialUntil");
        assertThat(form.inputFor("kind")).isNull();
    }

    @Test
    void emptyContentAndWithMethodsChangeOneItem() {
        assertThat(RequestContent.EMPTY.offences()).isEmpty();
        assertThat(RequestContent.EMPTY.deathPenaltyAssurances()).isFalse();
        var changed = STORED.withPurpose("other");
        assertThat(changed.purpose()).isEqualTo("other");
        assertThat(changed)
                .isEqualTo(new RequestContent(
                        STORED.requestingAuthority(),
                        null,
                        "UNCC",
                        List.of(),
                        null,
                        List.of(),
                        null,
                        "other",
                        null,
                        null,
                        STORED.confidentiality(),
                        null));
    }
}
