package org.comity.jurisdiction;

import java.util.List;
import org.comity.shared.CountryCode;

/**
 * Whether a conduct is criminal in a State, and how severely it can be punished there. Closed set.
 * "Not criminal" is only ever the profile's own positive statement; a profile's silence is {@link
 * Unknown}.
 */
public sealed interface Criminality {

    CountryCode state();

    ConductCode conduct();

    /**
     * Reads the answer off a profile: a listed offence makes the conduct criminal; only the profile's
     * statement makes it not criminal; anything else is unknown, because a catalogue that lists a few
     * offences says nothing about the conduct it leaves out. Here, on an exposed type, so the safeguards
     * engine reads criminality the same way the jurisdiction API does.
     */
    static Criminality of(CountryCode state, java.util.Optional<Profile> profile, ConductCode conduct) {
        if (profile.isEmpty()) {
            return new Unknown(state, conduct, Why.NO_PROFILE);
        }
        var known = profile.get();
        var offences = known.offencesCovering(conduct);
        if (!offences.isEmpty()) {
            return new Criminal(state, conduct, offences.getFirst().maxPenalty(), offences, known.covers(conduct));
        }
        return known.notAnOffence(conduct)
                .<Criminality>map(statement -> new NotCriminal(state, conduct, statement))
                .orElseGet(() -> new Unknown(state, conduct, Why.NOT_COVERED));
    }

    /**
     * At least one offence covers the conduct; {@code maximum} is the most severe of their maxima.
     *
     * @param complete the profile covers the category completely, so {@code maximum} is the State's
     *     maximum; otherwise a more severe offence the profile does not list may exist, and the maximum
     *     is at least this
     */
    record Criminal(
            CountryCode state, ConductCode conduct, MaxPenalty maximum, List<Offence> offences, boolean complete)
            implements Criminality {
        public Criminal {
            offences = List.copyOf(offences);
            if (offences.isEmpty()) {
                throw new IllegalArgumentException("criminal conduct is covered by at least one offence");
            }
        }
    }

    /** The State's profile states that the conduct is not an offence there, with its source. */
    record NotCriminal(CountryCode state, ConductCode conduct, NotAnOffence statement) implements Criminality {}

    /** Comity cannot tell, and says why rather than guess. */
    record Unknown(CountryCode state, ConductCode conduct, Why why) implements Criminality {

        /** The reason, in plain words for a reviewer. */
        public String reason() {
            return switch (why) {
                case NO_PROFILE ->
                    "Comity has no profile of " + state + "'s law, so whether this conduct is an offence there is"
                            + " not known.";
                case NOT_COVERED ->
                    state + "'s profile lists no offence for this conduct and does not say that it is not an"
                            + " offence: the conduct is outside what the profile covers, so whether it is"
                            + " criminal there is not known.";
            };
        }
    }

    /** Why criminality is unknown. */
    enum Why {
        /** Comity has no profile of the State. */
        NO_PROFILE,
        /** The profile exists but neither lists an offence for the conduct nor covers its category. */
        NOT_COVERED
    }
}
