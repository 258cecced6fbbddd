package org.comity.jurisdiction;

import java.util.List;
import org.comity.shared.CountryCode;

/** Whether a conduct is criminal in a State, and how severely it can be punished there. Closed set. */
public sealed interface Criminality {

    CountryCode state();

    ConductCode conduct();

    /** At least one offence covers the conduct; {@code maximum} is the most severe of their maxima. */
    record Criminal(CountryCode state, ConductCode conduct, MaxPenalty maximum, List<Offence> offences)
            implements Criminality {
        public Criminal {
            offences = List.copyOf(offences);
            if (offences.isEmpty()) {
                throw new IllegalArgumentException("criminal conduct is covered by at least one offence");
            }
        }
    }

    /** The State's profile is known and no offence in it covers the conduct. */
    record NotCriminal(CountryCode state, ConductCode conduct) implements Criminality {}

    /** Comity has no profile for the State: it cannot tell, and says so rather than guess. */
    record Unknown(CountryCode state, ConductCode conduct) implements Criminality {}
}
