package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;

/**
 * The human outcome for a request (glossary: decision). Reasons are mandatory for any refusal, in
 * whole or in part; conditions and postponements say what they are.
 */
public sealed interface Decision {

    /** The stable outcome code published on the log. */
    String outcome();

    /** Whether a consultation with the requesting State must be recorded first (refusing, postponing). */
    boolean needsConsultation();

    /** Every problem with the decision's own content, at once. */
    List<Violation> problems(LocalDate today);

    default void validate(LocalDate today) {
        var problems = problems(today);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** Decisions after which the request is executed, in whole or in part. */
    sealed interface Granting extends Decision {}

    record Grant() implements Granting {
        @Override
        public String outcome() {
            return "granted";
        }

        @Override
        public boolean needsConsultation() {
            return false;
        }

        @Override
        public List<Violation> problems(LocalDate today) {
            return List.of();
        }
    }

    record GrantWithConditions(List<String> conditions) implements Granting {
        public GrantWithConditions {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }

        @Override
        public String outcome() {
            return "granted-with-conditions";
        }

        @Override
        public boolean needsConsultation() {
            return false;
        }

        @Override
        public List<Violation> problems(LocalDate today) {
            return conditions.isEmpty() || conditions.stream().anyMatch(ContentRule::blank)
                    ? List.of(new Violation("conditions", "conditions-required", "state each condition"))
                    : List.of();
        }
    }

    /** Granted in part; the part not granted is refused, so it needs reasons like a refusal. */
    record PartialGrant(String granted, List<RefusalReason> reasons) implements Granting {
        public PartialGrant {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        @Override
        public String outcome() {
            return "partially-granted";
        }

        @Override
        public boolean needsConsultation() {
            return true;
        }

        @Override
        public List<Violation> problems(LocalDate today) {
            var problems = new ArrayList<Violation>();
            if (ContentRule.blank(granted)) {
                problems.add(new Violation("granted", "granted-part-required", "say which part is granted"));
            }
            problems.addAll(RefusalReason.problems(reasons));
            return problems;
        }
    }

    record Postpone(String reason, LocalDate until) implements Decision {
        @Override
        public String outcome() {
            return "postponed";
        }

        @Override
        public boolean needsConsultation() {
            return true;
        }

        @Override
        public List<Violation> problems(LocalDate today) {
            var problems = new ArrayList<Violation>();
            if (ContentRule.blank(reason)) {
                problems.add(new Violation("reason", "postponement-reason-required", "say why execution waits"));
            }
            if (until == null || !until.isAfter(today)) {
                problems.add(new Violation("until", "postponement-date", "give a date in the future"));
            }
            return problems;
        }
    }

    record Refuse(List<RefusalReason> reasons) implements Decision {
        public Refuse {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        @Override
        public String outcome() {
            return "refused";
        }

        @Override
        public boolean needsConsultation() {
            return true;
        }

        @Override
        public List<Violation> problems(LocalDate today) {
            return RefusalReason.problems(reasons);
        }
    }

    /** One reason for refusing: its ground category and the explanation given to the requesting State. */
    record RefusalReason(RefusalGround ground, String explanation) {
        static List<Violation> problems(List<RefusalReason> reasons) {
            var problems = new ArrayList<Violation>();
            if (reasons.isEmpty()) {
                problems.add(new Violation("reasons", "reasons-required", "give the reasons for refusing"));
            }
            for (int i = 0; i < reasons.size(); i++) {
                if (reasons.get(i).ground() == null) {
                    problems.add(new Violation("reasons[" + i + "].ground", "ground-required", "choose a ground"));
                }
                if (ContentRule.blank(reasons.get(i).explanation())) {
                    problems.add(new Violation(
                            "reasons[" + i + "].explanation", "explanation-required", "explain the reason"));
                }
            }
            return problems;
        }
    }
}
