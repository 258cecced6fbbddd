package org.comity.treaty.domain;

import java.util.Optional;
import java.util.Set;
import org.comity.shared.CountryCode;

/**
 * A named group of States a rule refers to (Council of Europe members, EU Member States bound by a
 * regulation). Empty {@code members} means the list was not researched: answers that depend on it are
 * "unknown".
 */
public record Group(String id, String name, Optional<Set<CountryCode>> members) {

    public Group {
        members = members.map(Set::copyOf);
    }

    public Optional<Boolean> contains(CountryCode state) {
        return members.map(m -> m.contains(state));
    }
}
