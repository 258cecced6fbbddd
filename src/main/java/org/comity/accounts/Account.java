package org.comity.accounts;

import java.time.Instant;
import java.util.Set;

/** A user of this node, without any credential. */
public record Account(
        String username,
        String displayName,
        Set<Role> roles,
        boolean enabled,
        Instant createdAt,
        java.util.Optional<String> unit) {

    public Account {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
