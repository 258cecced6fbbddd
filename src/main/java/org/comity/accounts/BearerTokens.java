package org.comity.accounts;

import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
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
        return new DefaultOAuth2AuthenticatedPrincipal(
                account.username(),
                Map.of("sub", account.username()),
                account.roles().stream()
                        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList());
    }
}
