package org.comity.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * Resolves {@code Authorization: Bearer comity_…} API tokens to their account. Tokens are random
 * 256-bit secrets, so a SHA-256 lookup is enough; no slow hash is needed on every API call.
 */
@Component
class BearerTokens implements OpaqueTokenIntrospector {

    private final Accounts accounts;

    BearerTokens(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        var account = accounts.authenticateToken(token)
                .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token"));
        return new TokenHolder(
                account,
                account.roles().stream()
                        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList());
    }

    /**
     * The introspected principal, with the account the token's query loaded: {@link
     * Accounts#signedIn} answers from it, so the rest of the call (which requests the user may see)
     * does not query the account a second time. It is as current as the token check of the same call.
     */
    record TokenHolder(Account account, List<GrantedAuthority> authorities) implements OAuth2AuthenticatedPrincipal {

        TokenHolder {
            authorities = List.copyOf(authorities);
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of("sub", account.username());
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return authorities;
        }

        @Override
        public String getName() {
            return account.username();
        }
    }
}
