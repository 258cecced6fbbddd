package org.comity.accounts;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What a sign-in brings besides username and password: the source address (for throttling), the
 * one-time code of the second factor if one was sent, and whether it is the console (form) or the API
 * (HTTP Basic). The security configuration installs {@link #console()} and {@link #api()}.
 */
public final class SignInDetails extends WebAuthenticationDetails {

    private static final long serialVersionUID = 1L;

    /** The form field and the API header that carry the one-time code. */
    public static final String CODE_PARAMETER = "code";

    public static final String CODE_HEADER = "Comity-One-Time-Code";

    private final transient @Nullable String oneTimeCode;
    private final boolean console;

    private SignInDetails(HttpServletRequest request, @Nullable String oneTimeCode, boolean console) {
        super(request);
        this.oneTimeCode = oneTimeCode == null || oneTimeCode.length() > 16 ? null : oneTimeCode.strip();
        this.console = console;
    }

    public static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> console() {
        return request -> new SignInDetails(request, request.getParameter(CODE_PARAMETER), true);
    }

    public static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> api() {
        return request -> new SignInDetails(request, request.getHeader(CODE_HEADER), false);
    }

    @Nullable
    String oneTimeCode() {
        return oneTimeCode;
    }

    boolean fromConsole() {
        return console;
    }
}
