package org.comity.accounts;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused because too many recent attempts failed (see {@code SignInThrottle}): the caller
 * is told so, and how long to wait, rather than "wrong password".
 */
public final class SignInThrottled extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    SignInThrottled(Duration wait) {
        super("too many failed sign-in attempts; try again in " + SignInThrottle.seconds(wait) + " s");
        this.retryAfterSeconds = SignInThrottle.seconds(wait);
    }

    /** Whole seconds to wait, at least 1 (for a {@code Retry-After} header). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
