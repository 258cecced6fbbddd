package org.comity.casework.ui;

import java.util.List;
import java.util.Optional;
import org.comity.jurisdiction.Authority;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reservation;
import org.comity.treaty.Treaties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the requested State expects, shown before and while drafting: its authorities with the languages
 * and channels they accept, its reservations and declarations in effect, and the legal basis between
 * the two States today.
 */
@Component
class Requirements {

    private final Jurisdictions jurisdictions;
    private final Treaties treaties;

    Requirements(Jurisdictions jurisdictions, Treaties treaties) {
        this.jurisdictions = jurisdictions;
        this.treaties = treaties;
    }

    /**
     * @param profileKnown whether Comity holds a profile of the State
     * @param legalBasis null when either State is unknown to the registry
     */
    record View(
            CountryCode state,
            boolean profileKnown,
            List<Authority> authorities,
            List<Reservation> reservations,
            @Nullable LegalBasis legalBasis) {}

    Optional<View> of(@Nullable CountryCode requesting, @Nullable CountryCode requested) {
        if (requested == null) {
            return Optional.empty();
        }
        var profile = jurisdictions.profile(requested);
        var reservations = treaties.reservations().stream()
                .filter(r -> r.party().equals(requested) && r.withdrawnOn().isEmpty())
                .toList();
        LegalBasis basis = null;
        if (requesting != null && !requesting.equals(requested)) {
            try {
                basis = treaties.legalBasis(requesting, requested, Optional.empty());
            } catch (InvalidInput e) {
                basis = null;
            }
        }
        return Optional.of(new View(
                requested,
                profile.isPresent(),
                profile.map(p -> p.authorities()).orElse(List.of()),
                reservations,
                basis));
    }
}
