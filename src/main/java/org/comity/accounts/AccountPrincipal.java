package org.comity.accounts;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in user as Spring Security keeps it in a console session: the account's name and roles,
 * and the session generation the account had when the password was checked. {@link
 * Accounts#sessionState} compares that generation with the stored one on every console request.
 * A sign-in through an OpenID provider yields the subclass {@link OidcAccountPrincipal}, so the
 * console treats both alike.
 */
sealed class AccountPrincipal extends User permits OidcAccountPrincipal {

    private static final long serialVersionUID = 1L;

    private final long sessionGeneration;

    AccountPrincipal(
            String username,
            String passwordHash,
            Collection<? extends GrantedAuthority> authorities,
            long sessionGeneration) {
        super(username, passwordHash, authorities);
        this.sessionGeneration = sessionGeneration;
    }

    long sessionGeneration() {
        return sessionGeneration;
    }

    // User's equals and hashCode compare usernames, which is what session bookkeeping wants.
    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
