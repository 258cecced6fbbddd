package org.comity.accounts;

import java.util.EnumSet;
import java.util.Set;
import org.comity.node.NodeIdentity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Which accounts must have a second factor: those holding a role listed in {@code
 * comity.accounts.second-factor-roles} (none by default; any account may enrol one anyway).
 */
@Component
class SecondFactors {

    private final Set<Role> required;
    private final String issuer;

    SecondFactors(@Value("${comity.accounts.second-factor-roles:}") Set<Role> required, NodeIdentity node) {
        this.required = required.isEmpty() ? Set.of() : EnumSet.copyOf(required);
        this.issuer = "Comity " + node.name();
    }

    boolean requiredFor(AccountPrincipal principal) {
        for (GrantedAuthority authority : principal.getAuthorities()) {
            for (Role role : required) {
                if (role.authority().equals(authority.getAuthority())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name authenticator apps show beside the code. */
    String issuer() {
        return issuer;
    }
}
