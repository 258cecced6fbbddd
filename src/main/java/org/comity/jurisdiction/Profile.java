package org.comity.jurisdiction;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * What Comity knows about one State's law and authorities: its offence catalogue, the conduct
 * categories that catalogue covers completely, positive statements that conduct is not an offence, its
 * authorities directory and the policy pack its node applies. A real State's facts each name a source;
 * a fictional State (user-assigned ISO code) says so.
 *
 * <p>A listed offence is a positive fact whatever the coverage. The absence of an offence is a fact
 * only where the profile says so: a {@link NotAnOffence} statement. Everywhere else the profile is
 * silent, and criminality is unknown. A profile imported before coverage existed covers nothing.
 */
public record Profile(
        CountryCode state,
        boolean fictional,
        LocalDate asOf,
        List<Source> sources,
        List<Offence> offences,
        List<Coverage> coverage,
        List<NotAnOffence> notOffences,
        List<Authority> authorities,
        @Nullable String policyPack,
        @Nullable String notes) {

    /** A profile without coverage or statements of non-criminality: every unlisted conduct is unknown. */
    public Profile(
            CountryCode state,
            boolean fictional,
            LocalDate asOf,
            List<Source> sources,
            List<Offence> offences,
            List<Authority> authorities,
            @Nullable String policyPack,
            @Nullable String notes) {
        this(state, fictional, asOf, sources, offences, List.of(), List.of(), authorities, policyPack, notes);
    }

    public Profile {
        sources = List.copyOf(sources);
        offences = List.copyOf(offences);
        coverage = List.copyOf(coverage);
        notOffences = List.copyOf(notOffences);
        authorities = List.copyOf(authorities);
        if (fictional && !state.isUserAssigned()) {
            throw new IllegalArgumentException("fictional States use user-assigned codes (XA-XZ, QM-QZ)");
        }
        if (!fictional && state.isUserAssigned()) {
            throw new IllegalArgumentException("user-assigned codes are for fictional States only");
        }
    }

    /** The offences covering a conduct, most severe first. */
    public List<Offence> offencesCovering(ConductCode conduct) {
        return offences.stream()
                .filter(o -> o.covers(conduct))
                .sorted(Comparator.comparing(Offence::maxPenalty).reversed())
                .toList();
    }

    /**
     * The profile covers the conduct completely: its offences of that conduct are all there are, or it
     * states the conduct is not an offence.
     */
    public boolean covers(ConductCode conduct) {
        return coverage.stream().anyMatch(c -> c.conduct().contains(conduct))
                || notAnOffence(conduct).isPresent();
    }

    /** The profile's statement that the conduct is not an offence, if it makes one. */
    public Optional<NotAnOffence> notAnOffence(ConductCode conduct) {
        return notOffences.stream().filter(n -> n.conduct().equals(conduct)).findFirst();
    }

    public Optional<Authority> authority(AuthorityRole role) {
        return authorities.stream().filter(a -> a.role() == role).findFirst();
    }
}
