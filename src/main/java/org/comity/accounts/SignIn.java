package org.comity.accounts;

import org.comity.accounts.persistence.JdbcAccounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password (form login and HTTP Basic) against the accounts, through the
 * {@link SignInThrottle}: a throttled attempt is refused with {@link SignInThrottled} before any hash
 * is computed; a wrong password counts against the account and the source address.
 *
 * <p>The check itself is Spring Security's {@link DaoAuthenticationProvider}: for an unknown or
 * disabled account it still hashes the presented password (against a dummy hash), so a failure takes
 * as long whether or not the account exists.
 */
@Component
class SignIn implements AuthenticationProvider {

    private final SignInThrottle throttle;
    private final DaoAuthenticationProvider passwords;

    SignIn(JdbcAccounts store, PasswordEncoder encoder, SignInThrottle throttle) {
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(new AccountLogin(store));
        this.passwords.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var username = key(authentication.getName());
        var address = address(authentication.getDetails());
        var wait = throttle.waitFor(username, address);
        if (wait.isPresent()) {
            throw new SignInThrottled(wait.get());
        }
        try {
            var result = passwords.authenticate(authentication);
            throttle.succeeded(username, address);
            return result;
        } catch (BadCredentialsException wrong) {
            var imposed = throttle.failed(username, address);
            if (imposed.isPresent()) {
                var throttled = new SignInThrottled(imposed.get());
                throttled.initCause(wrong);
                throw throttled;
            }
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Names that cannot be usernames share one key, so junk cannot fill the throttle's memory. */
    private static String key(String username) {
        return username != null && NewAccount.USERNAME.matcher(username).matches() ? username : "?";
    }

    private static String address(Object details) {
        if (details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null) {
            var address = web.getRemoteAddress();
            return address.length() <= 64 ? address : address.substring(0, 64);
        }
        return "unknown";
    }
}
