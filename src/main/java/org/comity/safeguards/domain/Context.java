package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Profile;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.FindingSource;
import org.comity.safeguards.FindingText;
import org.comity.treaty.LegalBasis;

/**
 * Everything one assessment reads, gathered before any rule runs so the engine is a pure function:
 * the request version, the treaty answer for the pair on the request date, both States' profiles, the
 * requested State's policy pack and the resolved citations. Immutable.
 *
 * @param conventionConduct the conduct categories that are Convention offences
 * @param seriousCrimeMonths the threshold of a serious crime (a maximum of at least four years)
 */
public record Context(
        AssessmentInput input,
        LegalBasis legalBasis,
        Optional<Profile> requestingProfile,
        Optional<Profile> requestedProfile,
        PolicyPack pack,
        Citations citations,
        Set<ConductCode> conventionConduct,
        int seriousCrimeMonths,
        List<ChargedView> offences) {

    public Context {
        conventionConduct = Set.copyOf(conventionConduct);
        offences = List.copyOf(offences);
        if (!legalBasis.a().equals(input.requesting()) && !legalBasis.b().equals(input.requesting())) {
            throw new IllegalArgumentException("the treaty answer is for another pair of States");
        }
    }

    public static Context of(
            AssessmentInput input,
            LegalBasis legalBasis,
            Optional<Profile> requesting,
            Optional<Profile> requested,
            PolicyPack pack,
            Citations citations,
            Set<ConductCode> conventionConduct,
            int seriousCrimeMonths) {
        var views = new ArrayList<ChargedView>();
        for (int i = 0; i < input.offences().size(); i++) {
            views.add(ChargedView.of(
                    i, input.offences().get(i), input.reviewerFacts().offence(i), requesting, conventionConduct));
        }
        return new Context(
                input,
                legalBasis,
                requesting,
                requested,
                pack,
                citations,
                conventionConduct,
                seriousCrimeMonths,
                views);
    }

    /** The instrument id of the Convention: the default basis, and the one whose scope rules are built in. */
    public static final String UNCC = "UNCC";

    /**
     * The instrument the request rests on ({@code legalBasis}); the UN Convention when the request names
     * none, which is a bar of its own.
     */
    public String instrument() {
        var named = input.legalBasis();
        return named == null || named.isBlank() ? UNCC : named;
    }

    /** The request rests on the UN Convention (or names no basis): its scope and grounds apply. */
    public boolean underUncc() {
        return UNCC.equals(instrument());
    }

    /**
     * The instrument in words, as the treaty catalogue names it ("the Budapest Convention (ETS No.
     * 185)"), for explanations; mid-sentence form, so {@code Words.sentence} capitalises it.
     */
    public String instrumentName() {
        var name = legalBasis().instruments().stream()
                .filter(o -> o.instrument().equals(instrument()))
                .map(LegalBasis.Option::name)
                .filter(n -> n != null && !n.isBlank())
                .findFirst()
                .orElse(underUncc() ? "UN Convention against Cybercrime" : instrument());
        return name.regionMatches(true, 0, "the ", 0, 4) ? name : "the " + name;
    }

    /** The requested State's code, for explanations ("XB applies its own conditions"). */
    public String requested() {
        return input.requested().value();
    }

    public String requesting() {
        return input.requesting().value();
    }

    /**
     * The instrument as a word of the safeguards bundle ({@code @instrument.UNCC}), translated when
     * shown; an instrument the bundle does not name reads "the instrument the request names", never a
     * bare id such as "the unknown".
     */
    public String instrumentWord() {
        return FindingText.has("instrument." + instrument(), "en")
                ? "@instrument." + instrument()
                : "@instrument.other";
    }

    /** A treaty source: the instrument the request rests on, and the key citing the article. */
    public FindingSource treaty(String citationKey) {
        return new FindingSource.Treaty(instrument(), citationKey);
    }

    /** The requested State's own law, as its policy pack (if any) states it. */
    public FindingSource requestedStateLaw() {
        return pack.version() == 0
                ? new FindingSource.RequestedStateLaw(requested(), null, null)
                : new FindingSource.RequestedStateLaw(requested(), pack.id(), pack.version());
    }

    public static final FindingSource ADVISORY = new FindingSource.AdvisoryPractice();

    public boolean outgoing() {
        return input.direction() == AssessmentInput.Direction.OUTGOING;
    }

    /** "sent" for this node's own requests, "granted" for requests it received. */
    public String actWord() {
        return outgoing() ? "sent" : "granted";
    }

    public boolean seriousCrime(ChargedView offence) {
        return offence.maximumMonths() >= seriousCrimeMonths;
    }
}
