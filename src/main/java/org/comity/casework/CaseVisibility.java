package org.comity.casework;

import java.util.Optional;
import org.comity.accounts.Account;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which requests the signed-in user may see: caseworkers, legal reviewers and supervisors who belong
 * to a unit see their unit's requests (and those of no unit); auditors and administrators, accounts
 * without a unit, and the node itself (scheduled work, event listeners: no signed-in user) see all.
 * Read from the security context in the facade, so every caller — API, console, attachments — gets
 * the same rule without passing the user around.
 */
@Component
class CaseVisibility {

    private final Accounts accounts;

    CaseVisibility(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The unit the current user is confined to, if any. */
    Optional<String> confinedTo() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return accounts.find(authentication.getName())
                .filter(account -> !account.has(Role.AUDITOR) && !account.has(Role.ADMIN))
                .flatMap(Account::unit);
    }

    /** The unit a new request belongs to: its creator's. */
    Optional<String> unitOf(String username) {
        return accounts.find(username).flatMap(Account::unit);
    }
}
