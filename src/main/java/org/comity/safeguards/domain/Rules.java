package org.comity.safeguards.domain;

import java.util.List;

/** The built-in rules, each a small named class with its own tests. */
public final class Rules {

    private Rules() {}

    public static List<Rule> all() {
        return List.of(
                new LegalBasisInForce(),
                new ReservationExcludesMeasure(),
                new OffenceWithinScope(),
                new DualCriminalityOnConduct(),
                new PersecutionIndicators(),
                new PoliticalOffence(),
                new ExpressionRelatedOffence(),
                new ProtectedRoles(),
                new AuthorisedTesting(),
                new IntrusivenessMatchesGravity(),
                new BoundedPeriod(),
                new SpecificTargets(),
                new NumberOfSubjects(),
                new MeasureConditionsStated(),
                new CompelledAssistanceOrder(),
                new EmergencyJustified(),
                new DeathPenaltyRisk(),
                new NeBisInIdem(),
                new DataProtectionConditions(),
                new NeverGroundsForRefusal(),
                new SubjectTargetedRepeatedly(),
                new RequestingStateRecord(),
                new PolicyPackRules());
    }
}
