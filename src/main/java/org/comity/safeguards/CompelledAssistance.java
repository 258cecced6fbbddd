package org.comity.safeguards;

import java.util.Locale;

/** What a request would compel a person (often an engineer at a provider) to do (domain.md §8). */
public enum CompelledAssistance {
    DISCLOSE_CREDENTIALS,
    DISCLOSE_KEYS,
    UNLOCK_DEVICE,
    WEAKEN_SECURITY;

    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
