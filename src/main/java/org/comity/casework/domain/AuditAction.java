package org.comity.casework.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one change did, for the audit trail: a stable code and its arguments, so that a page can say it
 * in its reader's language, and the English sentence the trail has always stored. Codes are stored
 * and published in the API, so they never change; arguments are plain strings (user names and
 * reasons as typed, outcomes as their codes, moments in ISO-8601).
 */
public record AuditAction(String code, List<String> args) {

    /** How an argument is to be read, and so shown. */
    public enum Argument {
        /** Typed by a person (a user name, a reason, an authority): shown as it is, isolated. */
        TEXT,
        /** A decision's outcome code ({@link Decision#outcome()}). */
        OUTCOME,
        /** A moment in ISO-8601. */
        MOMENT,
        /** The code of another basis than the treaty ({@link Decision.OtherBasis.Kind#code()}). */
        BASIS,
        /** Rule ids of safeguards findings, joined by ", ". */
        RULES
    }

    /** Every kind of audit action: its code, its English sentence ({@code %s} for each argument) and arguments. */
    public enum Kind {
        CREATED_DRAFT("created-draft", "created draft"),
        REGISTERED_INCOMING("registered-incoming", "registered incoming request"),
        EDITED_DRAFT("edited-draft", "edited draft"),
        PROPOSED_SENDING("proposed-sending", "proposed sending"),
        SENT("sent", "sent"),
        SENT_BACK_TO_DRAFT("sent-back-to-draft", "sent back to draft"),
        STARTED_REVIEW("started-review", "started review"),
        REQUESTED_INFORMATION("requested-information", "requested information: %s", Argument.TEXT),
        INFORMATION_RECEIVED("information-received", "information received"),
        RECORDED_CONSULTATION("recorded-consultation", "recorded consultation with %s", Argument.TEXT),
        PROPOSED_DECISION("proposed-decision", "proposed decision %s", Argument.OUTCOME),
        DECIDED("decided", "decided %s", Argument.OUTCOME),
        APPROVED_DECISION("approved-decision", "approved decision %s", Argument.OUTCOME),
        ON_OTHER_BASIS("on-other-basis", "on another basis (%s) despite the bars %s", Argument.BASIS, Argument.RULES),
        SENT_DECISION_BACK("sent-decision-back", "sent decision back to review"),
        RESUMED("resumed", "resumed after postponement"),
        STARTED_EXECUTION("started-execution", "started execution"),
        EVIDENCE_TRANSMITTED("evidence-transmitted", "evidence transmitted"),
        EXECUTED("executed", "executed"),
        CLOSED("closed", "closed"),
        WITHDRAWN("withdrawn", "withdrawn: %s", Argument.TEXT),
        ASSIGNED("assigned", "assigned to %s", Argument.TEXT),
        RECORDED_REVIEWER_FACTS("recorded-reviewer-facts", "recorded the reviewer's facts: %s", Argument.TEXT),
        RECORDED_COUNTERPART_REFERENCE(
                "recorded-counterpart-reference", "recorded the counterpart's reference %s", Argument.TEXT),
        PRESERVED("preserved", "preserved data until %s", Argument.MOMENT),
        RENEWED_PRESERVATION("renewed-preservation", "renewed preservation until %s", Argument.MOMENT),
        DEADLINE_MISSED("deadline-missed", "deadline missed"),
        PRESERVATION_EXPIRING("preservation-expiring", "preservation expires at %s", Argument.MOMENT),
        ACKNOWLEDGED_BY_COUNTERPART("acknowledged-by-counterpart", "acknowledged by counterpart as %s", Argument.TEXT),
        RECEIVED_INFORMATION("received-information", "information received: %s", Argument.TEXT),
        INFORMATION_ASKED_BY_COUNTERPART(
                "information-asked-by-counterpart", "counterpart asked for information: %s", Argument.TEXT),
        ANSWERED_INFORMATION("answered-information", "answered the counterpart: %s", Argument.TEXT),
        CONSULTED_BY_COUNTERPART("consulted-by-counterpart", "consulted by %s", Argument.TEXT),
        DECIDED_BY_COUNTERPART("decided-by-counterpart", "counterpart decided %s", Argument.OUTCOME),
        EXECUTED_BY_COUNTERPART("executed-by-counterpart", "counterpart reported %s", Argument.OUTCOME);

        private static final Map<String, Kind> BY_CODE =
                Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Kind::code, Function.identity()));

        private final String code;
        private final String english;
        private final List<Argument> arguments;

        Kind(String code, String english, Argument... arguments) {
            this.code = code;
            this.english = english;
            this.arguments = List.of(arguments);
        }

        public String code() {
            return code;
        }

        public List<Argument> arguments() {
            return arguments;
        }

        public static Optional<Kind> of(String code) {
            return Optional.ofNullable(BY_CODE.get(code));
        }

        AuditAction with(String... args) {
            return new AuditAction(code, List.of(args));
        }
    }

    /** The actions that write a version of the request's content: whoever did one is its author. */
    private static final java.util.Set<Kind> WRITE_CONTENT =
            java.util.EnumSet.of(Kind.CREATED_DRAFT, Kind.REGISTERED_INCOMING, Kind.EDITED_DRAFT);

    /**
     * Whether an audit line records a change of the request's content: by its codes, or for a line
     * stored before codes existed ({@code actions} null) by its English sentence, which starts the same
     * way whether or not the version went unassessed.
     */
    public static boolean wroteContent(@org.jspecify.annotations.Nullable List<AuditAction> actions, String english) {
        if (actions != null) {
            return actions.stream().anyMatch(a -> WRITE_CONTENT.contains(a.kind()));
        }
        return WRITE_CONTENT.stream().anyMatch(k -> english.startsWith(k.english));
    }

    /** The English suffix of a change whose new version the safeguards engine failed to assess. */
    public static final String NOT_ASSESSED = " (not assessed: the safeguards engine failed)";

    public AuditAction {
        var kind = Kind.of(code).orElseThrow(() -> new IllegalArgumentException("unknown audit action '" + code + "'"));
        args = List.copyOf(args);
        if (args.size() != kind.arguments().size()) {
            throw new IllegalArgumentException(
                    "audit action '" + code + "' takes " + kind.arguments().size() + " arguments, not " + args.size());
        }
    }

    public Kind kind() {
        return Kind.of(code).orElseThrow();
    }

    /** The sentence the audit trail has stored since before codes existed; it must not change. */
    public String english() {
        return kind().english.formatted(args.toArray());
    }

    /** Parts of one change are joined by "; ", and an unassessed version says so at the end. */
    public static String english(List<AuditAction> actions, boolean assessmentFailed) {
        return actions.stream().map(AuditAction::english).collect(Collectors.joining("; "))
                + (assessmentFailed ? NOT_ASSESSED : "");
    }
}
