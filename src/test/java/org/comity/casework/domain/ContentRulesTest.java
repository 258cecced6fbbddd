package org.comity.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.comity.casework.domain.RequestContent.DataSought;
import org.comity.casework.domain.RequestContent.Identifier;
import org.comity.casework.domain.RequestContent.PriorProceeding;
import org.comity.casework.domain.RequestContent.Subject;
import org.comity.casework.domain.RequestContent.Urgency;
import org.comity.jurisdiction.ConductCode;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.DataCategory;
import org.comity.treaty.KindOfAssistance;
import org.junit.jupiter.api.Test;

class ContentRulesTest {

    static final LocalDate TODAY = LocalDate.parse("2026-03-02");

    @Test
    void aCompleteRequestHasNoProblems() {
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, Fixtures.storedData(), TODAY))
                .isEmpty();
    }

    @Test
    void everyProblemOfAnEmptyInterceptionRequestIsListedAtOnce() {
        var problems = ContentRules.check(KindOfAssistance.INTERCEPTION, Fixtures.empty(), TODAY);
        assertThat(problems)
                .extracting(Violation::rule)
                .containsExactlyInAnyOrder(
                        "authority-required",
                        "state-required",
                        "authority-required",
                        "state-required",
                        "legal-basis-required",
                        "facts-required",
                        "purpose-required",
                        "offence-required",
                        "data-sought-required",
                        "authorising-body-required",
                        "legal-grounds-required",
                        "proportionality-required",
                        "duration-required");
        assertThat(problems)
                .extracting(Violation::field)
                .contains("content.requestingAuthority.state", "content.safeguards.durationDays");
        assertThatThrownBy(() -> ContentRules.require(KindOfAssistance.INTERCEPTION, Fixtures.empty(), TODAY))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.violations()).hasSize(13));
    }

    @Test
    void anIpAddressNeedsItsTimestampAndAValidTimeZone() {
        var content = withSubjects(List.of(new Subject(
                Subject.Role.SUSPECT,
                null,
                null,
                null,
                List.of(new Identifier(Identifier.Type.IP_ADDRESS, "198.51.100.1", null, "Mars/Olympus")))));
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, content, TODAY))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "content.subjects[0].identifiers[0].observedAt", "ip-timestamp-required"),
                        org.assertj.core.groups.Tuple.tuple(
                                "content.subjects[0].identifiers[0].timeZone", "ip-time-zone-required"));
    }

    @Test
    void aWithoutRightBasisIsBoundedAndNamedOnItsOffence() {
        var c = Fixtures.storedData();
        var offence = c.offences().get(0);
        var stated = c.withOffences(List.of(new RequestContent.Offence(
                offence.domesticProvision(),
                offence.conductCategories(),
                offence.maximumPenaltyMonths(),
                "The test contract had ended.")));
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, stated, TODAY))
                .isEmpty();
        var tooLong = c.withOffences(List.of(new RequestContent.Offence(
                offence.domesticProvision(),
                offence.conductCategories(),
                offence.maximumPenaltyMonths(),
                "x".repeat(2001))));
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, tooLong, TODAY))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("content.offences[0].withoutRightBasis", "text-too-long"));
    }

    @Test
    void realTimeCollectionIsAboutTrafficDataOnlyAndForALimitedTime() {
        var c = Fixtures.storedData();
        var content = new RequestContent(
                c.requestingAuthority(),
                c.requestedAuthority(),
                c.legalBasis(),
                c.offences(),
                c.summaryOfFacts(),
                c.subjects(),
                new DataSought(
                        Set.of(DataCategory.CONTENT),
                        Instant.parse("2026-04-01T00:00:00Z"),
                        Instant.parse("2026-03-01T00:00:00Z"),
                        "Example Telecom"),
                c.purpose(),
                c.urgency(),
                c.safeguards(),
                c.confidentiality(),
                c.conditions());
        assertThat(ContentRules.check(KindOfAssistance.REAL_TIME_TRAFFIC, content, TODAY))
                .extracting(Violation::rule)
                .containsExactlyInAnyOrder("data-category-not-for-kind", "period-order", "duration-required");
    }

    @Test
    void anEmergencyNamesTheImminentRiskAndConfidentialityEnds() {
        var c = Fixtures.storedData();
        var content = new RequestContent(
                c.requestingAuthority(),
                c.requestedAuthority(),
                c.legalBasis(),
                c.offences(),
                c.summaryOfFacts(),
                c.subjects(),
                c.dataSought(),
                c.purpose(),
                new Urgency(Urgency.Level.EMERGENCY, " "),
                c.safeguards(),
                new RequestContent.Confidentiality(true, null),
                c.conditions());
        assertThat(ContentRules.check(KindOfAssistance.EMERGENCY_DISCLOSURE, content, TODAY))
                .extracting(Violation::rule)
                .containsExactlyInAnyOrder("imminent-risk-required", "confidentiality-end-date");
        assertThat(ContentRules.check(KindOfAssistance.EMERGENCY_DISCLOSURE, c, TODAY))
                .extracting(Violation::rule)
                .containsExactly("emergency-level-required");
    }

    @Test
    void extraditionNamesThePersonSought() {
        var c = Fixtures.storedData();
        assertThat(ContentRules.check(KindOfAssistance.EXTRADITION, c, TODAY))
                .extracting(Violation::rule)
                .containsExactly("person-sought-required");
        var named = withSubjects(List.of(new Subject(Subject.Role.ACCUSED, "J. Doe", null, "Xebia City", List.of())));
        assertThat(ContentRules.check(KindOfAssistance.EXTRADITION, named, TODAY))
                .isEmpty();
    }

    @Test
    void anIncompletePriorProceedingIsNamedFieldByField() {
        var fraud = Set.of(new ConductCode("ict-theft-or-fraud"));
        var content = with(
                List.of(
                        new PriorProceeding(null, null, Set.of(), null, null),
                        new PriorProceeding(CountryCode.of("XC"), 1, fraud, PriorProceeding.Outcome.ACQUITTED, null),
                        new PriorProceeding(CountryCode.of("XC"), -1, fraud, PriorProceeding.Outcome.PENDING, null),
                        new PriorProceeding(CountryCode.of("XC"), 0, fraud, PriorProceeding.Outcome.CONVICTED, "K-1")),
                Fixtures.storedData().conditions());
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, content, TODAY))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("content.priorProceedings[0].state", "prior-proceeding-state-required"),
                        tuple("content.priorProceedings[0].subject", "prior-proceeding-subject-required"),
                        tuple("content.priorProceedings[0].conduct", "prior-proceeding-conduct-required"),
                        tuple("content.priorProceedings[0].outcome", "prior-proceeding-outcome-required"),
                        // The fixture lists one subject, index 0.
                        tuple("content.priorProceedings[1].subject", "prior-proceeding-subject-unknown"),
                        tuple("content.priorProceedings[2].subject", "prior-proceeding-subject-unknown"));
    }

    @Test
    void onwardTransfersGoToThirdStatesEachNamedOnce() {
        var conditions = new RequestContent.UseConditions(
                true,
                true,
                null,
                List.of(
                        CountryCode.of("XA"),
                        CountryCode.of("XC"),
                        CountryCode.of("XB"),
                        CountryCode.of("XC"),
                        CountryCode.of("XD")));
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, with(List.of(), conditions), TODAY))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("content.conditions.onwardTransferTo[0]", "onward-transfer-third-state"),
                        tuple("content.conditions.onwardTransferTo[2]", "onward-transfer-third-state"),
                        tuple("content.conditions.onwardTransferTo[3]", "onward-transfer-duplicate"));
        var thirdStates =
                new RequestContent.UseConditions(true, true, null, List.of(CountryCode.of("XC"), CountryCode.of("XD")));
        assertThat(ContentRules.check(KindOfAssistance.STORED_DATA, with(List.of(), thirdStates), TODAY))
                .isEmpty();
    }

    private static RequestContent with(List<PriorProceeding> proceedings, RequestContent.UseConditions conditions) {
        var c = Fixtures.storedData();
        return c.withConditions(conditions)
                .withCompelled(Set.of())
                .withDeathPenaltyAssurances(false)
                .withPriorProceedings(proceedings)
                .withMatters(Set.of());
    }

    private static RequestContent withSubjects(List<Subject> subjects) {
        var c = Fixtures.storedData();
        return new RequestContent(
                c.requestingAuthority(),
                c.requestedAuthority(),
                c.legalBasis(),
                c.offences(),
                c.summaryOfFacts(),
                subjects,
                c.dataSought(),
                c.purpose(),
                c.urgency(),
                c.safeguards(),
                c.confidentiality(),
                c.conditions());
    }
}
