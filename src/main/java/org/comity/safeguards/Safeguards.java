package org.comity.safeguards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.domain.Context;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.safeguards.persistence.JdbcAssessments;
import org.comity.safeguards.policy.CitationFile;
import org.comity.safeguards.policy.ConventionConduct;
import org.comity.safeguards.policy.PolicyPackFile;
import org.comity.safeguards.policy.PolicyPacks;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.treaty.Answer;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reason;
import org.comity.treaty.Treaties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The safeguards engine's facade. Gathers what an assessment reads (the treaty answer for the pair on
 * the request date, both States' profiles, the requested State's policy pack, earlier requests sharing
 * a subject) and then runs the rules as a pure function over it. Citations and policy packs are loaded
 * and checked when the node starts; any problem stops it rather than leaving a rule out.
 */
@Component
public class Safeguards {

    private final Treaties treaties;
    private final Jurisdictions jurisdictions;
    private final JdbcAssessments store;
    private final Clock clock;
    private final Citations citations;
    private final PolicyPacks packs;
    private final Set<ConductCode> conventionConduct;
    private final Assessor assessor = Assessor.standard();

    Safeguards(Treaties treaties, Jurisdictions jurisdictions, JdbcAssessments store, Clock clock) {
        this.treaties = treaties;
        this.jurisdictions = jurisdictions;
        this.store = store;
        this.clock = clock;
        this.citations = CitationFile.read(classpath("safeguards/citations.yaml"), treaties::cite);
        this.packs = loadPacks(citations);
        this.conventionConduct = ConventionConduct.read(classpath("jurisdiction/conduct.yaml"));
    }

    /** Assesses a request version and stores the assessment with the versions it used. */
    @Transactional
    public StoredAssessment assess(AssessmentInput input, String actor) {
        var withHistory = withHistory(input);
        var assessment = assessor.assess(context(withHistory, packs.current(input.requested())));
        var stored = new StoredAssessment(UUID.randomUUID(), clock.instant(), actor, withHistory, assessment);
        store.insert(stored);
        return stored;
    }

    /** Assesses without storing, for previews while drafting. */
    public Assessment preview(AssessmentInput input) {
        return assessor.assess(context(withHistory(input), packs.current(input.requested())));
    }

    public StoredAssessment get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFound("assessment"));
    }

    public List<StoredAssessment> ofRequest(UUID requestId) {
        return store.ofRequest(requestId);
    }

    /** The latest assessment of one version of a request, if it was assessed. */
    public Optional<StoredAssessment> latest(UUID requestId, long version) {
        return store.ofRequest(requestId).stream()
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
        var pack = packs.byLabel(input.requested(), used.policyPack()).orElse(packs.current(input.requested()));
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

    public List<PolicyPack> policyPacks() {
        return packs.all();
    }

    private AssessmentInput withHistory(AssessmentInput input) {
        var identifiers = new LinkedHashSet<String>();
        input.subjects().forEach(s -> identifiers.addAll(s.identifiers()));
        var history = new ArrayList<>(input.history());
        for (var prior : store.history(input.requestId(), input.requesting(), List.copyOf(identifiers))) {
            if (history.stream().noneMatch(h -> h.requestId().equals(prior.requestId()))) {
                history.add(prior);
            }
        }
        return new AssessmentInput(
                input.requestId(),
                input.version(),
                input.direction(),
                input.measure(),
                input.requesting(),
                input.requested(),
                input.requestDate(),
                input.legalBasis(),
                input.offences(),
                input.subjects(),
                input.data(),
                input.emergency(),
                input.conditions(),
                input.compelled(),
                input.deathPenaltyAssurances(),
                input.priorProceedings(),
                input.use(),
                input.matters(),
                history);
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

    /** A State unknown to the registry has no legal basis with anyone; the reason says so. */
    private LegalBasis legalBasis(AssessmentInput input) {
        try {
            return treaties.legalBasis(input.requesting(), input.requested(), Optional.of(input.requestDate()));
        } catch (InvalidInput e) {
            var option = new LegalBasis.Option(
                    input.legalBasis() == null ? "none" : input.legalBasis(),
                    "unknown",
                    Answer.NO,
                    List.of(Reason.plain("one of the States is not in the treaty registry")),
                    List.of());
            return new LegalBasis(
                    input.requesting(),
                    input.requested(),
                    input.requestDate(),
                    Answer.NO,
                    input.legalBasis() == null ? List.of() : List.of(option));
        }
    }

    private static PolicyPacks loadPacks(Citations citations) {
        var loaded = new ArrayList<PolicyPack>();
        try {
            var resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:safeguards/policy-packs/*.yaml");
            java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (var resource : resources) {
                try (var in = resource.getInputStream()) {
                    loaded.add(PolicyPackFile.read(
                            resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8), citations));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PolicyPacks(loaded);
    }

    private static String classpath(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path, e);
        }
    }
}
