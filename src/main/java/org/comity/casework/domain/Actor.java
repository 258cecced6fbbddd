package org.comity.casework.domain;

import java.util.Set;
import org.comity.accounts.Role;

/** The user who acts on a request, with the roles they hold on this node. */
public record Actor(String username, Set<Role> roles) {

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor has a username");
        }
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
