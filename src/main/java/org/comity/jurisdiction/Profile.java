package org.comity.jurisdiction;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * What Comity knows about one State's law and authorities: its offence catalogue, its authorities
 * directory and the policy pack its node applies. A real State's facts each name a source; a
 * fictional State (user-assigned ISO code) says so.
 */
public record Profile(
        CountryCode state,
        boolean fictional,
        LocalDate asOf,
        List<Source> sources,
        List<Offence> offences,
        List<Authority> authorities,
        @Nullable String policyPack,
        @Nullable String notes) {

    public Profile {
        sources = List.copyOf(sources);
        offences = List.copyOf(offences);
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

    public Optional<Authority> authority(AuthorityRole role) {
        return authorities.stream().filter(a -> a.role() == role).findFirst();
    }
}
