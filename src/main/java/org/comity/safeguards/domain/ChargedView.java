package org.comity.safeguards.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.MaxPenalty;
import org.comity.jurisdiction.Offence;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.jurisdiction.Profile;
import org.comity.safeguards.AssessmentInput.ChargedOffence;
import org.comity.safeguards.ReviewerFacts;

/**
 * One charged offence as the rules read it: the request's own statements completed by the requesting
 * State's profile. A provision the profile lists decides flags and penalty; otherwise every offence of
 * the profile covering the same conduct is read, since dual criminality and flags follow conduct.
 *
 * @param index position in {@code offences}, for field paths
 * @param maximum the request's stated maximum, or the profile's; empty when neither says
 * @param maximumComplete the maximum is the offence's maximum: stated by the request, read off the
 *     provision the profile lists, or off a profile that covers the conduct completely. Otherwise it is
 *     the most severe of the offences the profile happens to list, and a more severe one may exist.
 * @param convention at least one conduct category is a Convention offence
 */
public record ChargedView(
        int index,
        ChargedOffence charged,
        Set<OffenceFlag> flags,
        Optional<MaxPenalty> maximum,
        boolean maximumComplete,
        boolean deathPenalty,
        boolean convention) {

    public ChargedView {
        flags = Set.copyOf(flags);
    }

    static ChargedView of(
            int index,
            ChargedOffence charged,
            Optional<ReviewerFacts.OffenceFacts> reviewer,
            Optional<Profile> requesting,
            Set<ConductCode> convention) {
        var byProvision = requesting.map(p -> byProvision(p, charged)).orElse(List.of());
        var matched = byProvision.isEmpty()
                ? requesting.map(p -> byConduct(p, charged)).orElse(List.of())
                : byProvision;
        boolean complete = !byProvision.isEmpty()
                || (!charged.conduct().isEmpty()
                        && requesting
                                .map(p -> charged.conduct().stream().allMatch(p::covers))
                                .orElse(false));
        var flags = EnumSet.noneOf(OffenceFlag.class);
        flags.addAll(charged.flags());
        matched.forEach(o -> flags.addAll(o.flags()));
        // The requested State's own characterisation, recorded by its reviewer, counts beside the
        // requesting State's: the rules say whose rule a flag engages, not whose reading it was.
        reviewer.ifPresent(r -> flags.addAll(r.flags()));
        Optional<MaxPenalty> maximum = matched.stream().map(Offence::maxPenalty).max(MaxPenalty::compareTo);
        if (charged.maximumPenaltyMonths() != null) {
            // The request's statement is what the requesting State asserts; the profile only completes it.
            maximum = Optional.of(MaxPenalty.months(charged.maximumPenaltyMonths()));
            complete = true;
        }
        boolean death = charged.deathPenalty()
                || reviewer.map(ReviewerFacts.OffenceFacts::deathPenalty).orElse(false)
                || matched.stream().anyMatch(o -> o.maxPenalty() instanceof MaxPenalty.Death);
        if (death) {
            maximum = Optional.of(new MaxPenalty.Death());
            complete = true;
        }
        boolean isConvention = charged.conduct().stream().anyMatch(convention::contains);
        return new ChargedView(index, charged, flags, maximum, complete, death, isConvention);
    }

    private static List<Offence> byProvision(Profile profile, ChargedOffence charged) {
        if (charged.provision() == null) {
            return List.of();
        }
        return profile.offences().stream()
                .filter(o -> o.provision().equalsIgnoreCase(charged.provision().strip()))
                .toList();
    }

    private static List<Offence> byConduct(Profile profile, ChargedOffence charged) {
        return profile.offences().stream()
                .filter(o -> charged.conduct().stream().anyMatch(o::covers))
                .toList();
    }

    public String field(String name) {
        return "offences[" + index + "]." + name;
    }

    /**
     * As a lawyer would name it in a sentence, in the words of the request: the provision, with the
     * conduct in brackets unless the provision already says it ("extortion", never "extortion
     * (extortion)"); the conduct alone without a provision; its number in the list without either.
     */
    public String label() {
        var conduct = String.join(
                ", ",
                charged.conduct().stream().map(ConductCode::value).sorted().toList());
        var provision = charged.provision() == null ? "" : charged.provision().strip();
        if (conduct.isEmpty()) {
            // Never "()": an offence without conduct is named by its provision, or by its place in the list.
            return provision.isEmpty() ? "#" + (index + 1) : provision;
        }
        if (provision.isEmpty()) {
            return conduct;
        }
        return saysConduct(provision) ? provision : provision + " (" + conduct + ")";
    }

    /** Every conduct code's words already appear in the provision's name. */
    private boolean saysConduct(String provision) {
        var plain = provision.toLowerCase(java.util.Locale.ROOT).replace('-', ' ');
        return charged.conduct().stream().allMatch(c -> plain.contains(c.value().replace('-', ' ')));
    }

    /** Months, with life and death above any term; -1 when unknown. */
    public long maximumMonths() {
        return maximum.map(m -> switch (m) {
                    case MaxPenalty.Months months -> (long) months.months();
                    case MaxPenalty.Life life -> 1_200L;
                    case MaxPenalty.Death d -> 1_201L;
                })
                .orElse(-1L);
    }

    /** The maximum as a word of the safeguards bundle ({@code @penalty.months:24}). */
    public String maximumWord() {
        return maximum.map(m -> switch (m) {
                    case MaxPenalty.Months months -> "@penalty.months:" + months.months();
                    case MaxPenalty.Life life -> "@penalty.life";
                    case MaxPenalty.Death d -> "@penalty.death";
                })
                .orElse("@penalty.unstated");
    }
}
