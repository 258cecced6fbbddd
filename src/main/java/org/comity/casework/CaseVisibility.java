package org.comity.casework;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.accounts.Account;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.persistence.JdbcRequests;
import org.comity.safeguards.RequestVisibility;
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
 * the same rule without passing the user around. Safeguards asks the same rule, through {@link
 * RequestVisibility}, before it shows an assessment of a request or the earlier requests of its history.
 */
@Component
class CaseVisibility implements RequestVisibility {

    private final Accounts accounts;
    private final JdbcRequests store;

    CaseVisibility(Accounts accounts, JdbcRequests store) {
        this.accounts = accounts;
        this.store = store;
    }

    /**
     * The one rule: a user confined to a unit sees the requests of that unit and those of no unit; a
     * user confined to none sees every request. A request that does not exist is seen by nobody
     * confined, so an id tells a confined user nothing.
     */
    @Override
    public boolean maySee(UUID requestId) {
        return sees(confinedTo(), requestId);
    }

    private boolean sees(Optional<String> confinedTo, UUID requestId) {
        return confinedTo.map(unit -> store.visibleTo(requestId, unit)).orElse(true);
    }

    /**
     * The unit an account is confined to, if any: what it would be shown once signed in. Auditors and
     * administrators see every unit's requests, and so do accounts without a unit.
     */
    static Optional<String> confinedTo(Account account) {
        if (account.has(Role.AUDITOR) || account.has(Role.ADMIN)) {
            return Optional.empty();
        }
        return account.unit();
    }

    /** Whether this account, signed in, would see the request: the same rule for another user. */
    boolean maySee(Account account, UUID requestId) {
        return sees(confinedTo(account), requestId);
    }

    /** The same rule for many requests in one query: those an assessment's history may show. */
    @Override
    public Set<UUID> visible(Collection<UUID> requestIds) {
        var unit = confinedTo();
        return unit.isEmpty() ? Set.copyOf(requestIds) : store.visibleTo(requestIds, unit.get());
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
        return accounts.signedIn(authentication).flatMap(CaseVisibility::confinedTo);
    }
}
