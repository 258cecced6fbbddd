package org.comity.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.comity.accounts.SignInThrottled;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where a failed console sign-in goes: back to the sign-in page, which says "wrong username or
 * password", or, when sign-in is throttled, how many seconds to wait.
 */
final class SignInFailures implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var target = exception instanceof SignInThrottled throttled
                ? "/login?throttled=" + throttled.retryAfterSeconds()
                : "/login?error";
        response.sendRedirect(request.getContextPath() + target);
    }
}
