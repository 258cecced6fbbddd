package org.comity.jurisdiction.domain;

import java.util.ArrayList;
import java.util.Optional;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Criminality;
import org.comity.jurisdiction.DualCriminality;
import org.comity.jurisdiction.MaxPenalty;
import org.comity.jurisdiction.Profile;
import org.comity.shared.CountryCode;

/**
 * Reads criminality off offence catalogues. Dual criminality is conduct-based: the same conduct code
 * must be covered by some offence in each State; the offences' names and categories do not matter.
 */
public final class CriminalityPolicy {

    private CriminalityPolicy() {}

    public static Criminality criminality(CountryCode state, Optional<Profile> profile, ConductCode conduct) {
        if (profile.isEmpty()) {
            return new Criminality.Unknown(state, conduct);
        }
        var offences = profile.get().offencesCovering(conduct);
        if (offences.isEmpty()) {
            return new Criminality.NotCriminal(state, conduct);
        }
        MaxPenalty maximum = offences.getFirst().maxPenalty();
        return new Criminality.Criminal(state, conduct, maximum, offences);
    }

    public static DualCriminality dualCriminality(Criminality requesting, Criminality requested) {
        if (!requesting.conduct().equals(requested.conduct())) {
            throw new IllegalArgumentException("dual criminality compares the same conduct in two States");
        }
        var conduct = requesting.conduct();
        if (requesting instanceof Criminality.Criminal a && requested instanceof Criminality.Criminal b) {
            return new DualCriminality.Met(conduct, a, b);
        }
        var notCriminal = new ArrayList<Criminality.NotCriminal>();
        var unknown = new ArrayList<Criminality.Unknown>();
        for (Criminality side : new Criminality[] {requesting, requested}) {
            switch (side) {
                case Criminality.NotCriminal n -> notCriminal.add(n);
                case Criminality.Unknown u -> unknown.add(u);
                case Criminality.Criminal c -> {}
            }
        }
        // A known absence decides the question even if the other side is unknown.
        return notCriminal.isEmpty()
                ? new DualCriminality.Unknown(conduct, unknown)
                : new DualCriminality.NotMet(conduct, notCriminal);
    }

    /** True when the most severe offence covering the conduct reaches the serious-crime threshold. */
    public static boolean isSerious(Criminality criminality, int seriousCrimeMonths) {
        return criminality instanceof Criminality.Criminal c && c.maximum().atLeastMonths(seriousCrimeMonths);
    }
}
