package org.comity.accounts;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * An account signed in through its OpenID provider ({@link OidcSignIn}): the local account's name,
 * local roles and session generation, as after a password check, plus the provider's ID token (which
 * Spring Security's OAuth2 login wants its principal to carry). Whether the provider vouched for a
 * second factor ({@code idpMultiFactor}) and whether the local one-time code is still owed
 * ({@code codeOwed}) decide what {@link Accounts#sessionState} lets the session do.
 */
final class OidcAccountPrincipal extends AccountPrincipal implements OidcUser {

    private static final long serialVersionUID = 1L;

    private final OidcIdToken idToken;
    private final @Nullable OidcUserInfo userInfo;
    private final boolean idpMultiFactor;
    private final boolean codeOwed;

    OidcAccountPrincipal(
            String username,
            Collection<? extends GrantedAuthority> authorities,
            long sessionGeneration,
            OidcIdToken idToken,
            @Nullable OidcUserInfo userInfo,
            boolean idpMultiFactor,
            boolean codeOwed) {
        // No password: the provider authenticated the user. User insists on a non-null one.
        super(username, "", authorities, sessionGeneration);
        this.idToken = idToken;
        this.userInfo = userInfo;
        this.idpMultiFactor = idpMultiFactor;
        this.codeOwed = codeOwed;
    }

    /** The same sign-in once the local one-time code was shown. */
    OidcAccountPrincipal codeShown() {
        return new OidcAccountPrincipal(
                getUsername(), getAuthorities(), sessionGeneration(), idToken, userInfo, idpMultiFactor, false);
    }

    boolean idpMultiFactor() {
        return idpMultiFactor;
    }

    boolean codeOwed() {
        return codeOwed;
    }

    /** The local username, so that {@code Principal#getName} means the same as after a password sign-in. */
    @Override
    public String getName() {
        return getUsername();
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken.getClaims();
    }

    @Override
    public @Nullable OidcUserInfo getUserInfo() {
        return userInfo;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return idToken.getClaims();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
