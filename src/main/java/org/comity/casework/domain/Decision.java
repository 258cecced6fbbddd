package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The human outcome for a request (glossary: decision). Reasons are mandatory for any refusal, in
 * whole or in part; a grant may give reasons too (why a concern does not stand in the way), and
 * everything typed is kept: what the second approver approves and what the request page shows later
 * is this record, whole.
 */
public sealed interface Decision {

    /** The stable outcome code published on the log. */
    String outcome();

    /** Whether a consultation with the requesting State must be recorded first (refusing, postponing). */
    boolean needsConsultation();

    /** The reasons given, each with its ground (for refusals), explanation and the findings it rests on. */
    List<Reason> reasons();

    /** Every problem with the decision's own content, at once. */
    List<Violation> problems(LocalDate today);

    default void validate(LocalDate today) {
        var problems = problems(today);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /**
     * What the decision says, as one unambiguous text (every value length-prefixed, in a fixed order):
     * the part of a proposal the second approver's fingerprint covers.
     */
    String canonical();

    /** Decisions after which the request is executed, in whole or in part. */
    sealed interface Granting extends Decision {

        /**
         * The basis other than the treaty on which assistance is given where the treaty does not oblige
         * it (a treaty-only bar); null when the grant rests on the legal basis the request names.
         */
        @Nullable
        OtherBasis otherBasis();
    }

    record Grant(List<Reason> reasons, @Nullable OtherBasis otherBasis) implements Granting {
        public Grant {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        public Grant() {
            this(List.of(), null);
        }

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
            var problems = new ArrayList<>(Reason.problems(reasons, false));
            problems.addAll(OtherBasis.problems(otherBasis));
            return problems;
        }

        @Override
        public String canonical() {
            return new CanonicalText()
                    .add(outcome())
                    .reasons(reasons)
                    .basis(otherBasis)
                    .text();
        }
    }

    record GrantWithConditions(
            List<String> conditions,
            List<Reason> reasons,
            @Nullable OtherBasis otherBasis) implements Granting {
        public GrantWithConditions {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        public GrantWithConditions(List<String> conditions) {
            this(conditions, List.of(), null);
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
            var problems = new ArrayList<Violation>();
            if (conditions.isEmpty() || conditions.stream().anyMatch(ContentRule::blank)) {
                problems.add(new Violation("conditions", "conditions-required", "state each condition"));
            }
            problems.addAll(Reason.problems(reasons, false));
            problems.addAll(OtherBasis.problems(otherBasis));
            return problems;
        }

        @Override
        public String canonical() {
            return new CanonicalText()
                    .add(outcome())
                    .list(conditions)
                    .reasons(reasons)
                    .basis(otherBasis)
                    .text();
        }
    }

    /**
     * Granted in part; the part not granted is refused, so it is said and needs reasons like a
     * refusal.
     */
    record PartialGrant(
            String granted,
            String refused,
            List<Reason> reasons,
            @Nullable OtherBasis otherBasis) implements Granting {
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
            if (ContentRule.blank(refused)) {
                problems.add(new Violation("refused", "refused-part-required", "say which part is refused"));
            }
            problems.addAll(Reason.problems(reasons, true));
            problems.addAll(OtherBasis.problems(otherBasis));
            return problems;
        }

        @Override
        public String canonical() {
            return new CanonicalText()
                    .add(outcome())
                    .add(granted)
                    .add(refused)
                    .reasons(reasons)
                    .basis(otherBasis)
                    .text();
        }
    }

    /**
     * Execution waits until {@code until}, for {@code reason}; {@code findings} are the rule ids of the
     * assessment's findings the postponement rests on, if any.
     */
    record Postpone(String reason, LocalDate until, List<String> findings) implements Decision {
        public Postpone {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        public Postpone(String reason, LocalDate until) {
            this(reason, until, List.of());
        }

        @Override
        public String outcome() {
            return "postponed";
        }

        @Override
        public boolean needsConsultation() {
            return true;
        }

        /** The postponement's reason, as one reason without a ground. */
        @Override
        public List<Reason> reasons() {
            return ContentRule.blank(reason) ? List.of() : List.of(new Reason(null, reason, findings));
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

        @Override
        public String canonical() {
            return new CanonicalText()
                    .add(outcome())
                    .add(reason)
                    .add(until == null ? null : until.toString())
                    .list(findings)
                    .text();
        }
    }

    record Refuse(List<Reason> reasons) implements Decision {
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
            return Reason.problems(reasons, true);
        }

        @Override
        public String canonical() {
            return new CanonicalText().add(outcome()).reasons(reasons).text();
        }
    }

    /**
     * One reason: its ground category (required when refusing, in whole or in part; a grant's reasons
     * may have none), the explanation given to the requesting State, and the rule ids of the
     * assessment's findings it rests on or answers.
     */
    record Reason(@Nullable RefusalGround ground, String explanation, List<String> findings) {
        public Reason {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        public Reason(@Nullable RefusalGround ground, String explanation) {
            this(ground, explanation, List.of());
        }

        static List<Violation> problems(List<Reason> reasons, boolean refusing) {
            var problems = new ArrayList<Violation>();
            if (refusing && reasons.isEmpty()) {
                problems.add(new Violation("reasons", "reasons-required", "give the reasons for refusing"));
            }
            for (int i = 0; i < reasons.size(); i++) {
                if (refusing && reasons.get(i).ground() == null) {
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

    /**
     * The basis on which assistance is given where the treaty does not oblige it: reciprocity, this
     * State's own law, or another instrument ({@code instrument} names it). Only a bar that says the
     * treaty does not oblige may be answered so ({@link Bars}); the explanation is what the second
     * approver weighs.
     */
    record OtherBasis(@Nullable Kind kind, @Nullable String instrument, String explanation) {

        /** The closed list of other bases; the code is what the public log shows. */
        public enum Kind {
            RECIPROCITY,
            DOMESTIC_LAW,
            OTHER_INSTRUMENT;

            public String code() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }

        static List<Violation> problems(@Nullable OtherBasis basis) {
            if (basis == null) {
                return List.of();
            }
            var problems = new ArrayList<Violation>();
            if (basis.kind() == null) {
                problems.add(new Violation(
                        "otherBasis.kind", "basis-required", "choose reciprocity, domestic law or another instrument"));
            }
            if (basis.kind() == Kind.OTHER_INSTRUMENT && ContentRule.blank(basis.instrument())) {
                problems.add(new Violation(
                        "otherBasis.instrument", "instrument-required", "name the instrument assistance rests on"));
            }
            if (ContentRule.blank(basis.explanation())) {
                problems.add(new Violation(
                        "otherBasis.explanation",
                        "explanation-required",
                        "explain why assistance is given on this basis although the treaty does not oblige it"));
            }
            return problems;
        }
    }
}
