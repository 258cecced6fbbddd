package org.comity.safeguards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.domain.Context;
import org.comity.safeguards.domain.Patterns;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.safeguards.persistence.JdbcAssessments;
import org.comity.safeguards.policy.ConventionConduct;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Violation;
import org.comity.treaty.Answer;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reason;
import org.comity.treaty.Treaties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The safeguards engine's facade. Gathers what an assessment reads (the treaty answer for the pair on
 * the request date, both States' profiles, the requested State's policy pack, earlier requests sharing
 * a subject) and then runs the rules as a pure function over it. Citations and policy packs are loaded
 * and checked when the node starts (any problem stops it rather than leaving a rule out); the packs are
 * administered by {@link PolicyPackAdministration}.
 */
@Component
public class Safeguards {

    /**
     * Earlier requests are counted up to this many per identifier (or the pack's threshold, if higher);
     * beyond it an explanation says "at least". A reviewer learns as much from "at least 100" as from
     * 100 000, and counting further would cost every assessment naming the identifier.
     */
    public static final int COUNT_LIMIT = 100;

    /** At most this many earlier requests per subject are recorded as examples. */
    public static final int EXAMPLES = 5;

    private final Treaties treaties;
    private final Jurisdictions jurisdictions;
    private final JdbcAssessments store;
    private final RequestVisibility visibility;
    private final Clock clock;
    private final Citations citations;
    private final PolicyPackAdministration packs;

    private final Set<ConductCode> conventionConduct;
    private final Assessor assessor = Assessor.standard();

    Safeguards(
            Treaties treaties,
            Jurisdictions jurisdictions,
            JdbcAssessments store,
            RequestVisibility visibility,
            Citations citations,
            PolicyPackAdministration packs,
            Clock clock) {
        this.treaties = treaties;
        this.jurisdictions = jurisdictions;
        this.store = store;
        this.visibility = visibility;
        this.clock = clock;
        this.citations = citations;
        this.packs = packs;
        this.conventionConduct = ConventionConduct.read(classpath("jurisdiction/conduct.yaml"));
    }

    /**
     * Assesses a request version and stores the assessment with the versions it used. For casework
     * only, which owns the request, has checked that the user may change it and maps its content: a
     * stored assessment is what casework shows and decides on, and it replaces the subjects the request
     * counts for patterns in later requests. Anyone else asks {@link #whatIf}.
     */
    @Transactional
    public StoredAssessment assess(AssessmentInput input, String actor) {
        // One pack for both: its window and thresholds bound the history read, then the rules compare.
        var pack = packs.loaded().current(input.requested());
        var withHistory = withHistory(input, pack);
        var assessment = assessor.assess(context(withHistory, pack));
        var stored = new StoredAssessment(UUID.randomUUID(), clock.instant(), actor, withHistory, assessment);
        store.insert(stored);
        return stored;
    }

    /** Assesses without storing, for previews while drafting. */
    public Assessment preview(AssessmentInput input) {
        var pack = packs.loaded().current(input.requested());
        return assessor.assess(context(withHistory(input, pack), pack));
    }

    /**
     * A stored assessment as the signed-in user may see it: earlier requests they may not see are left
     * out of its history and of the recorded examples (the counts stay: a pattern is the node's
     * concern, which requests make it is not the reader's business). What may be seen is casework's to
     * say ({@link RequestVisibility}).
     */
    public StoredAssessment shown(StoredAssessment stored) {
        var shownInput = shown(stored.input());
        return shownInput == stored.input()
                ? stored
                : new StoredAssessment(
                        stored.id(), stored.assessedAt(), stored.assessedBy(), shownInput, stored.assessment());
    }

    /** An input's history and recorded examples, limited to the requests the signed-in user may see. */
    private AssessmentInput shown(AssessmentInput input) {
        var recorded = input.recorded();
        var ids = new java.util.HashSet<UUID>();
        input.history().forEach(p -> ids.add(p.requestId()));
        if (recorded != null) {
            recorded.subjects().forEach(s -> s.examples().forEach(p -> ids.add(p.requestId())));
        }
        if (ids.isEmpty()) {
            return input;
        }
        Set<UUID> visible = visibility.visible(ids);
        return input.withHistory(input.history().stream()
                        .filter(p -> visible.contains(p.requestId()))
                        .toList())
                .withRecorded(
                        recorded == null
                                ? null
                                : new AssessmentInput.Recorded(
                                        recorded.windowDays(),
                                        recorded.subjects().stream()
                                                .map(s -> new AssessmentInput.SubjectRecord(
                                                        s.subject(),
                                                        s.requests(),
                                                        s.atLeast(),
                                                        s.otherStates(),
                                                        s.examples().stream()
                                                                .filter(p -> visible.contains(p.requestId()))
                                                                .toList()))
                                                .toList(),
                                        recorded.refusals(),
                                        recorded.refusalsAtLeast()));
    }

    /** A replay as the signed-in user may see it: its original as {@link #shown(StoredAssessment)}. */
    public Replay shown(Replay replay) {
        return new Replay(shown(replay.original()), replay.replayed(), replay.sameFindings(), replay.changedInputs());
    }

    /**
     * What an assessment of this input would find, storing nothing: for drafting and trying things
     * out, through the API. It reads the history as an assessment would, but leaves no trace in it.
     */
    public WhatIf whatIf(AssessmentInput input) {
        requireKnownConduct(input);
        var pack = packs.loaded().current(input.requested());
        var withHistory = withHistory(input, pack);
        return new WhatIf(shown(withHistory), assessor.assess(context(withHistory, pack)));
    }

    /**
     * A conduct code outside the vocabulary would be read as conduct no profile covers and turn into
     * "unknown" notes; it is a typo or an invented category, so the input is refused with the field.
     * (Casework checks the same when a request is written.)
     */
    private void requireKnownConduct(AssessmentInput input) {
        var problems = new ArrayList<Violation>();
        var offences = input.offences();
        for (int i = 0; i < offences.size(); i++) {
            problems.addAll(jurisdictions.unknownConduct(
                    "offences[" + i + "].conduct", offences.get(i).conduct()));
        }
        var proceedings = input.priorProceedings();
        for (int i = 0; i < proceedings.size(); i++) {
            problems.addAll(jurisdictions.unknownConduct(
                    "priorProceedings[" + i + "].conduct", proceedings.get(i).conduct()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** A stored assessment, if the current user may see its request; otherwise "not found". */
    public StoredAssessment get(UUID id) {
        return store.find(id)
                .filter(s -> visibility.maySee(s.input().requestId()))
                .orElseThrow(() -> new NotFound("assessment"));
    }

    /**
     * Every assessment of a request, oldest first; "not found" for a request the current user may not
     * see, as casework answers for the request itself.
     */
    public List<StoredAssessment> ofRequest(UUID requestId) {
        if (!visibility.maySee(requestId)) {
            throw new NotFound("request");
        }
        return store.ofRequest(requestId);
    }

    /** The latest assessment of one version of a request, if it was assessed (and the user may see it). */
    public Optional<StoredAssessment> latest(UUID requestId, long version) {
        return ofRequest(requestId).stream()
                .filter(s -> s.assessment().version() == version)
                .reduce((a, b) -> b);
    }

    /**
     * Computes a stored assessment again from its stored input (history included) with the policy pack
     * version it used when that is still loaded, and says which input versions changed since.
     */
    public Replay replay(UUID id) {
        var original = get(id);
        var input = original.input();
        var used = original.assessment().inputs();
        var pack = packs.loaded()
                .byLabel(input.requested(), used.policyPack())
                .orElse(packs.loaded().current(input.requested()));
        // The recorded thresholds win, so a replay stays exact even if the pack it used is gone.
        var recorded = PolicyPack.Thresholds.ofLabel(used.thresholds());
        if (recorded.isPresent() && !recorded.get().equals(pack.settings().thresholds())) {
            pack = pack.withThresholds(recorded.get());
        }
        var replayed = assessor.assess(context(input, pack));
        var now = replayed.inputs();
        var changed = new ArrayList<String>();
        if (!now.engine().equals(used.engine())) {
            changed.add("engine");
        }
        if (!now.legalBasis().equals(used.legalBasis())) {
            changed.add("legalBasis");
        }
        if (!now.requestingProfile().equals(used.requestingProfile())) {
            changed.add("requestingProfile");
        }
        if (!now.requestedProfile().equals(used.requestedProfile())) {
            changed.add("requestedProfile");
        }
        if (!now.policyPack().equals(used.policyPack())) {
            changed.add("policyPack");
        }
        if (!now.citations().equals(used.citations())) {
            changed.add("citations");
        }
        if (!now.thresholds().equals(used.thresholds())) {
            changed.add("thresholds");
        }
        return new Replay(
                original,
                replayed,
                replayed.findings().equals(original.assessment().findings()),
                changed);
    }

    /**
     * Casework reports a refusal on persecution grounds: the requesting State's record for later requests.
     * One record per request; a second report of the same request changes nothing.
     */
    @Transactional
    public void recordPersecutionRefusal(UUID requestId, CountryCode requesting, CountryCode requested) {
        store.recordPersecutionRefusal(requestId, requesting, requested, LocalDate.now(clock));
    }

    public Citations citations() {
        return citations;
    }

    /**
     * The input with what the node's records hold about earlier requests ({@code recorded}), counted
     * over the pack's window up to a limit, whatever a caller sent there. The requests the caller
     * listed in {@code history} stay as they are and are not counted again.
     */
    private AssessmentInput withHistory(AssessmentInput input, PolicyPack pack) {
        var thresholds = pack.settings().thresholds();
        int window = thresholds.patternWindowDays();
        // Never less than a threshold, so every severity the rules decide is the one a full count gives.
        int limit =
                Math.max(COUNT_LIMIT, Math.max(thresholds.repeatedSubjectRequests(), thresholds.stateRecordRefusals()));
        var listed = new java.util.HashSet<UUID>();
        input.history().forEach(p -> listed.add(p.requestId()));
        var counts = store.recorded(
                input.requestId(),
                input.requesting(),
                input.subjects().stream()
                        .map(AssessmentInput.Subject::identifiers)
                        .toList(),
                listed,
                window == 0 ? LocalDate.MIN : input.requestDate().minusDays(window),
                limit,
                EXAMPLES);
        var subjects = counts.subjects().stream()
                .map(c -> {
                    var known = Patterns.states(input, Patterns.listedFor(input, c.subject(), thresholds));
                    int other = (int)
                            c.states().stream().filter(s -> !known.contains(s)).count();
                    return new AssessmentInput.SubjectRecord(
                            c.subject(), c.requests(), c.atLeast(), other, c.examples());
                })
                .toList();
        return input.withRecorded(
                new AssessmentInput.Recorded(window, subjects, counts.refusals(), counts.refusalsAtLeast()));
    }

    private Context context(AssessmentInput input, PolicyPack pack) {
        return Context.of(
                input,
                legalBasis(input),
                jurisdictions.profile(input.requesting()),
                jurisdictions.profile(input.requested()),
                pack,
                citations,
                conventionConduct,
                jurisdictions.seriousCrimeMonths());
    }

    private LegalBasis legalBasis(AssessmentInput input) {
        // Asked first rather than caught: an exception (with its stack trace) on every assessment of a
        // request naming an unregistered State cost CPU on each create (issue 18).
        if (!treaties.registered(input.requesting()) || !treaties.registered(input.requested())) {
            return unregistered(input);
        }
        try {
            return treaties.legalBasisOnRecord(input.requesting(), input.requested(), Optional.of(input.requestDate()));
        } catch (InvalidInput e) {
            return unregistered(input);
        }
    }

    /** A State unknown to the registry has no legal basis with anyone; the reason says so. */
    private static LegalBasis unregistered(AssessmentInput input) {
        var option = new LegalBasis.Option(
                input.legalBasis() == null ? "none" : input.legalBasis(),
                "unknown",
                Answer.NO,
                List.of(Reason.of("basis.state-not-registered", java.util.Map.of())),
                List.of());
        return new LegalBasis(
                input.requesting(),
                input.requested(),
                input.requestDate(),
                Answer.NO,
                input.legalBasis() == null ? List.of() : List.of(option));
    }

    static String classpath(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path, e);
        }
    }
}
