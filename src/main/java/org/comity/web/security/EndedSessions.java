package org.comity.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.comity.accounts.Accounts;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose account was disabled or had its password reset since it signed in
 * ({@link Accounts#isCurrent}): the session is invalidated and the request goes on unauthenticated, so
 * a browser is sent to the sign-in page and nothing the session asked for happens. Checked on every
 * request, against the database, so it also covers changes made by another node or by the command
 * line. Not a bean: Spring Boot would otherwise also register it outside the security chain.
 */
final class EndedSessions extends OncePerRequestFilter {

    private final Accounts accounts;

    EndedSessions(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && !accounts.isCurrent(authentication)) {
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }
}
