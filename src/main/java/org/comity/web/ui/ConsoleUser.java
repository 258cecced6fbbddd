package org.comity.web.ui;

import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is looking at a page, for the layout: signed in or not, and with which roles (without the ROLE_ prefix). */
public record ConsoleUser(boolean signedIn, String username, Set<String> roles) {

    public ConsoleUser {
        roles = Set.copyOf(roles);
    }

    public static ConsoleUser of(@Nullable Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return new ConsoleUser(false, "", Set.of());
        }
        var roles = new TreeSet<String>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            var name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                roles.add(name.substring(5));
            }
        }
        return new ConsoleUser(true, authentication.getName(), roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(String... wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
