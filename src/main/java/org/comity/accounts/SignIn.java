package org.comity.accounts;

import org.comity.accounts.persistence.JdbcAccounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
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

    private final JdbcAccounts store;
    private final SignInThrottle throttle;
    private final SecondFactors secondFactors;
    private final java.time.Clock clock;
    private final DaoAuthenticationProvider passwords;

    SignIn(
            JdbcAccounts store,
            PasswordEncoder encoder,
            SignInThrottle throttle,
            SecondFactors secondFactors,
            java.time.Clock clock) {
        this.store = store;
        this.throttle = throttle;
        this.secondFactors = secondFactors;
        this.clock = clock;
        this.passwords = new DaoAuthenticationProvider(new AccountLogin(store));
        this.passwords.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var username = key(authentication.getName());
        var address = address(authentication.getDetails());
        var attempt = throttle.admit(username, address);
        try {
            var result = passwords.authenticate(authentication);
            checkSecondFactor((AccountPrincipal) result.getPrincipal(), authentication.getDetails());
            throttle.succeeded(attempt);
            return result;
        } catch (AuthenticationServiceException notChecked) {
            // The store could not be read or the hashing pool was full: the password was not tried.
            throttle.inconclusive(attempt);
            throw notChecked;
        } catch (AuthenticationException wrong) {
            // Wrong password, unknown or disabled account, wrong one-time code: all one failure.
            var imposed = throttle.failed(attempt);
            if (imposed.isPresent()) {
                var throttled = new SignInThrottled(imposed.get());
                throttled.initCause(wrong);
                throw throttled;
            }
            throw wrong;
        } catch (RuntimeException broken) {
            throttle.inconclusive(attempt);
            throw broken;
        }
    }

    /**
     * An account with a second factor needs a current, unused code as well (form field or API header);
     * a wrong or missing one fails like a wrong password, so the answer never says the password was
     * right. An account that must have one and has none may only sign in to the console, to enrol.
     */
    private void checkSecondFactor(AccountPrincipal principal, Object details) {
        var factor = store.secondFactor(principal.getUsername());
        var sent = details instanceof SignInDetails d ? d : null;
        if (factor.isPresent()) {
            var step = Totp.verify(
                    factor.get().secret(),
                    sent == null ? null : sent.oneTimeCode(),
                    clock.instant(),
                    factor.get().lastStep());
            // The update refuses a step already used, also by a concurrent sign-in with the same code.
            if (step.isEmpty() || !store.useSecondFactorStep(principal.getUsername(), step.getAsLong())) {
                throw new BadCredentialsException("wrong password or one-time code");
            }
        } else if (secondFactors.requiredFor(principal) && (sent == null || !sent.fromConsole())) {
            throw new BadCredentialsException("enrol a second factor in the console first");
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
