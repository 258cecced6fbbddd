package org.comity.safeguards;

import java.util.Locale;

/** Roles whose targeting is a known pattern of transnational repression (domain.md §8). */
public enum ProtectedRole {
    JOURNALIST,
    HUMAN_RIGHTS_DEFENDER,
    LAWYER,
    POLITICAL_OPPOSITION,
    SECURITY_RESEARCHER;

    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
