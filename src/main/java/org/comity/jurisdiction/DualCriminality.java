package org.comity.jurisdiction;

import java.util.List;

/**
 * Dual criminality on conduct, not on names: met when the conduct is criminal in both States,
 * whatever each calls the offence. Closed set.
 */
public sealed interface DualCriminality {

    ConductCode conduct();

    record Met(ConductCode conduct, Criminality.Criminal requesting, Criminality.Criminal requested)
            implements DualCriminality {}

    /** Stated not to be an offence in one or both States, by the profile itself. */
    record NotMet(ConductCode conduct, List<Criminality.NotCriminal> notCriminalIn) implements DualCriminality {
        public NotMet {
            notCriminalIn = List.copyOf(notCriminalIn);
        }
    }

    /** A profile is missing or does not cover the conduct, so the answer is not known. */
    record Unknown(ConductCode conduct, List<Criminality.Unknown> unknownFor) implements DualCriminality {
        public Unknown {
            unknownFor = List.copyOf(unknownFor);
        }
    }
}
