package org.comity.treaty;

import java.util.Locale;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A State as pages show it: its registry name in the reader's language with its code, "France (FR)",
 * "فرنسا (FR)". Read from the in-memory registry, so a list may ask once per row. Page controllers put
 * it on the model as {@code stateNames} (templates call no beans).
 */
@Component
public class StateNames {

    private final Treaties treaties;

    StateNames(Treaties treaties) {
        this.treaties = treaties;
    }

    /**
     * The name with the code; the code alone for one the registry does not hold (a fictional State when
     * they are not enabled); the name alone when it already ends with the code ("Fictional State XB");
     * "—" for none.
     */
    public String label(@Nullable CountryCode code, Locale locale) {
        if (code == null) {
            return "—";
        }
        return treaties.stateName(code, locale)
                .map(name -> name.endsWith(" " + code.value()) ? name : name + " (" + code.value() + ")")
                .orElse(code.value());
    }
}
