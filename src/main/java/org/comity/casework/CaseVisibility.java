package org.comity.casework;

import java.util.Optional;
import org.comity.accounts.Account;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

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

    private static final String CONFINED_TO = CaseVisibility.class.getName() + ".confinedTo";

    /**
     * The unit the current user is confined to, if any. Remembered for the rest of a web request: one
     * page asks several times (the request, its audit trail, its comments, its assessment), and each
     * answer was an account lookup.
     */
    Optional<String> confinedTo() {
        var web = RequestContextHolder.getRequestAttributes();
        if (web == null) {
            return lookUp();
        }
        var remembered = web.getAttribute(CONFINED_TO, RequestAttributes.SCOPE_REQUEST);
        if (remembered instanceof Remembered r
                && r.authentication() == SecurityContextHolder.getContext().getAuthentication()) {
            return r.unit();
        }
        var unit = lookUp();
        web.setAttribute(
                CONFINED_TO,
                new Remembered(SecurityContextHolder.getContext().getAuthentication(), unit),
                RequestAttributes.SCOPE_REQUEST);
        return unit;
    }

    /** The answer for one authentication: a request that signs in or out mid-way asks again. */
    private record Remembered(
            org.springframework.security.core.@org.jspecify.annotations.Nullable Authentication authentication,
            Optional<String> unit) {}

    private Optional<String> lookUp() {
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
}
