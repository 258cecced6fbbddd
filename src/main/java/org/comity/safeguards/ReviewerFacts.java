package org.comity.safeguards;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * What a reviewer of the requested State knows about a request that the request itself does not say,
 * as the requested State characterises it: kept apart from the drafted content (casework stores it in
 * its own table and endpoint), and read by the rules beside it. Only codes from closed vocabularies and
 * indices into the request's offences and subjects: nothing typed.
 *
 * @param offences per offence: flags and the death penalty as the requested State sees them, and the
 *     legal nature of the provision
 * @param subjects per subject: protection status in the requested State, family relationship to the
 *     suspect
 * @param onwardRecipient who in the requesting State would receive the data; null when not known
 * @param earlierRequests earlier requests about the same person known from other States
 */
public record ReviewerFacts(
        List<OffenceFacts> offences,
        List<SubjectFacts> subjects,
        @Nullable OnwardRecipient onwardRecipient,
        List<EarlierRequest> earlierRequests) {

    /** At most this many entries of each list: a reviewer's facts about one request, not a register. */
    public static final int MAX_ENTRIES = 50;

    public static final ReviewerFacts NONE = new ReviewerFacts(List.of(), List.of(), null, List.of());

    public ReviewerFacts {
        offences = offences == null ? List.of() : List.copyOf(offences);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        earlierRequests = earlierRequests == null ? List.of() : List.copyOf(earlierRequests);
        var problems = new ArrayList<Violation>();
        bounded(problems, "offences", offences.size());
        bounded(problems, "subjects", subjects.size());
        bounded(problems, "earlierRequests", earlierRequests.size());
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    private static void bounded(List<Violation> problems, String field, int size) {
        if (size > MAX_ENTRIES) {
            problems.add(new Violation(field, "too-many", "at most " + MAX_ENTRIES + " entries"));
        }
    }

    public boolean isEmpty() {
        return offences.isEmpty() && subjects.isEmpty() && onwardRecipient == null && earlierRequests.isEmpty();
    }

    public Optional<OffenceFacts> offence(int index) {
        return offences.stream().filter(o -> o.offence() == index).findFirst();
    }

    public Optional<SubjectFacts> subject(int index) {
        return subjects.stream().filter(s -> s.subject() == index).findFirst();
    }

    /**
     * The facts that still name an offence or subject of a version with this many: a later edit of the
     * content may remove the one an entry named, and a stale entry must not be read about another.
     */
    public ReviewerFacts within(int offenceCount, int subjectCount) {
        var seenOffences = new java.util.HashSet<Integer>();
        var seenSubjects = new java.util.HashSet<Integer>();
        return new ReviewerFacts(
                offences.stream()
                        .filter(o -> o.offence() >= 0 && o.offence() < offenceCount && seenOffences.add(o.offence()))
                        .toList(),
                subjects.stream()
                        .filter(o -> o.subject() >= 0 && o.subject() < subjectCount && seenSubjects.add(o.subject()))
                        .toList(),
                onwardRecipient,
                earlierRequests.stream()
                        .filter(e -> e.subject() >= 0 && e.subject() < subjectCount)
                        .toList());
    }

    /**
     * The facts in codes, for an audit line: which offences and subjects they concern and what they
     * say, never a typed word.
     */
    public String summary() {
        var parts = new ArrayList<String>();
        for (var o : offences) {
            var codes = new ArrayList<String>();
            o.flags().stream().map(OffenceFlag::code).sorted().forEach(codes::add);
            if (o.deathPenalty()) {
                codes.add("death-penalty");
            }
            if (o.nature() != null) {
                codes.add(code(o.nature()));
            }
            parts.add("offence " + (o.offence() + 1) + ": " + (codes.isEmpty() ? "-" : String.join(", ", codes)));
        }
        for (var f : subjects) {
            var codes = new ArrayList<String>();
            if (f.protection() != null) {
                codes.add(code(f.protection()));
            }
            if (f.familyOfSuspect()) {
                codes.add("family-of-suspect");
            }
            parts.add("subject " + (f.subject() + 1) + ": " + (codes.isEmpty() ? "-" : String.join(", ", codes)));
        }
        if (onwardRecipient != null) {
            parts.add("recipient: " + code(onwardRecipient));
        }
        if (!earlierRequests.isEmpty()) {
            parts.add("earlier requests: " + earlierRequests.size());
        }
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    private static String code(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Every problem with the indices, named relative to {@code reviewer}: an entry must name an offence
     * or subject the request has, once.
     */
    public List<Violation> problems(int offenceCount, int subjectCount) {
        var problems = new ArrayList<Violation>();
        var seen = new java.util.HashSet<Integer>();
        for (int i = 0; i < offences.size(); i++) {
            int at = offences.get(i).offence();
            if (at < 0 || at >= offenceCount) {
                problems.add(new Violation(
                        "reviewer.offences[" + i + "].offence", "offence-index", "name one of the request's offences"));
            } else if (!seen.add(at)) {
                problems.add(new Violation(
                        "reviewer.offences[" + i + "].offence", "offence-twice", "one entry per offence"));
            }
        }
        seen.clear();
        for (int i = 0; i < subjects.size(); i++) {
            int at = subjects.get(i).subject();
            if (at < 0 || at >= subjectCount) {
                problems.add(new Violation(
                        "reviewer.subjects[" + i + "].subject", "subject-index", "name one of the request's subjects"));
            } else if (!seen.add(at)) {
                problems.add(new Violation(
                        "reviewer.subjects[" + i + "].subject", "subject-twice", "one entry per subject"));
            }
        }
        for (int i = 0; i < earlierRequests.size(); i++) {
            int at = earlierRequests.get(i).subject();
            if (at < 0 || at >= subjectCount) {
                problems.add(new Violation(
                        "reviewer.earlierRequests[" + i + "].subject",
                        "subject-index",
                        "name one of the request's subjects"));
            }
        }
        return problems;
    }

    /**
     * One offence as the requested State characterises it.
     *
     * @param offence index into the request's {@code offences}
     * @param flags what the requested State sees in it (expression-related, political, assembly, morality)
     * @param deathPenalty the requested State knows the death penalty can be imposed for it
     * @param nature criminal or administrative in the requesting State's law; null when not known
     */
    public record OffenceFacts(
            int offence,
            Set<OffenceFlag> flags,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean deathPenalty,
            @Nullable LegalNature nature) {
        public OffenceFacts {
            flags = flags == null ? Set.of() : Set.copyOf(flags);
        }
    }

    /** An administrative offence is outside the Convention's cooperation in criminal matters. */
    public enum LegalNature {
        CRIMINAL,
        ADMINISTRATIVE
    }

    /**
     * One person concerned, as the requested State knows them.
     *
     * @param subject index into the request's {@code subjects}
     * @param protection their protection status in the requested State; null when none is known
     * @param familyOfSuspect a relative of the suspect, not a suspect themselves
     */
    public record SubjectFacts(
            int subject,
            @Nullable Protection protection,
            @JsonSetter(nulls = Nulls.AS_EMPTY) boolean familyOfSuspect) {}

    /** Protection the requested State granted or is deciding on. */
    public enum Protection {
        REFUGEE,
        ASYLUM_SEEKER
    }

    /** Who in the requesting State would receive what is provided. */
    public enum OnwardRecipient {
        LAW_ENFORCEMENT,
        SECURITY_OR_INTELLIGENCE_SERVICE
    }

    /**
     * An earlier request about one of the subjects, known from another State (its own records, a
     * consultation), not from this node's.
     */
    public record EarlierRequest(int subject, CountryCode requesting, CountryCode requested, LocalDate date) {
        public EarlierRequest {
            var problems = new ArrayList<Violation>();
            if (requesting == null) {
                problems.add(new Violation("requesting", "required", "required"));
            }
            if (requested == null) {
                problems.add(new Violation("requested", "required", "required"));
            }
            if (date == null) {
                problems.add(new Violation("date", "required", "required"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
