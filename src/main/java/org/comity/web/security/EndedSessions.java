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
 * ({@link Accounts#sessionState}): the session is invalidated and the request goes on unauthenticated,
 * so a browser is sent to the sign-in page and nothing the session asked for happens. A session whose
 * roles require a second factor that is not enrolled yet reaches only the enrolment page, and one opened
 * through an OpenID provider that owes the account's one-time code reaches only the page that asks for
 * it; one whose password an administrator chose reaches only the page where its owner replaces it.
 * Checked on every
 * request, against the database, so it also covers changes made by another node or by the command
 * line. Not a bean: Spring Boot would otherwise also register it outside the security chain.
 */
final class EndedSessions extends OncePerRequestFilter {

    /** Where a user whose roles require a second factor goes until they have enrolled one. */
    static final String ENROLMENT = "/account/second-factor";

    /** What such a user may reach meanwhile: the enrolment page, signing out, the page's assets. */
    private static final java.util.regex.Pattern ENROLMENT_PATHS = java.util.regex.Pattern.compile(
            "/account/second-factor|/logout|/login|/error|/favicon\\.ico|/(css|images|webjars)/.*");

    /** Where a user signed in through an OpenID provider shows the local one-time code the account owes. */
    static final String ONE_TIME_CODE = "/account/one-time-code";

    /** What such a user may reach meanwhile. */
    private static final java.util.regex.Pattern CODE_PATHS = java.util.regex.Pattern.compile(
            "/account/one-time-code|/logout|/login|/error|/favicon\\.ico|/(css|images|webjars)/.*");

    /** Where a user whose password an administrator chose replaces it, before any other page. */
    static final String PASSWORD = "/account/password";

    private static final java.util.regex.Pattern PASSWORD_PATHS = java.util.regex.Pattern.compile(
            "/account/password|/logout|/login|/error|/favicon\\.(ico|svg)|/(css|images|webjars)/.*");

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
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            switch (accounts.sessionState(authentication)) {
                case ENDED -> {
                    var session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    SecurityContextHolder.clearContext();
                }
                case MUST_CHANGE_PASSWORD -> {
                    if (!PASSWORD_PATHS.matcher(path(request)).matches()) {
                        response.sendRedirect(request.getContextPath() + PASSWORD);
                        return;
                    }
                }
                case MUST_ENROL -> {
                    if (!ENROLMENT_PATHS.matcher(path(request)).matches()) {
                        response.sendRedirect(request.getContextPath() + ENROLMENT);
                        return;
                    }
                }
                case MUST_SHOW_CODE -> {
                    if (!CODE_PATHS.matcher(path(request)).matches()) {
                        response.sendRedirect(request.getContextPath() + ONE_TIME_CODE);
                        return;
                    }
                }
                case CURRENT -> {
                    // go on
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
