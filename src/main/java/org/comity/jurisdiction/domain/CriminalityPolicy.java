package org.comity.jurisdiction.domain;

import java.util.ArrayList;
import java.util.Optional;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Criminality;
import org.comity.jurisdiction.DualCriminality;
import org.comity.jurisdiction.Profile;
import org.comity.shared.CountryCode;

/**
 * Reads criminality off offence catalogues. Dual criminality is conduct-based: the same conduct code
 * must be covered by some offence in each State; the offences' names and categories do not matter. A
 * listed offence makes conduct criminal; only a profile's statement that conduct is not an offence
 * makes it not criminal; anything else is unknown, because a catalogue that lists a few offences says
 * nothing about the conduct it leaves out.
 */
public final class CriminalityPolicy {

    private CriminalityPolicy() {}

    public static Criminality criminality(CountryCode state, Optional<Profile> profile, ConductCode conduct) {
        return Criminality.of(state, profile, conduct);
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

    /**
     * Whether the conduct is a serious crime, when that can be told: yes when a listed offence reaches
     * the threshold; no when the profile covers the category completely and none does, or states the
     * conduct is not an offence; otherwise empty, since an unlisted offence might reach it.
     */
    public static Optional<Boolean> serious(Criminality criminality, int seriousCrimeMonths) {
        return switch (criminality) {
            case Criminality.Criminal c ->
                c.maximum().atLeastMonths(seriousCrimeMonths)
                        ? Optional.of(true)
                        : c.complete() ? Optional.of(false) : Optional.empty();
            case Criminality.NotCriminal n -> Optional.of(false);
            case Criminality.Unknown u -> Optional.empty();
        };
    }
}
