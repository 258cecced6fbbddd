package org.comity.accounts;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Lets Spring Security check a username and password (form login, HTTP Basic) against the accounts. */
@Component
class AccountLogin implements UserDetailsService {

    private final Accounts accounts;
    private final LoginThrottle throttle;

    AccountLogin(Accounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (throttle.isLocked(username)) {
            // Refused before any password hash is computed: guessing costs the guesser, not the node.
            throw new org.springframework.security.authentication.LockedException("too many failed sign-ins; wait");
        }
        var account = accounts.find(username).filter(Account::enabled);
        var hash = account.flatMap(a -> accounts.passwordHashOf(a.username()));
        if (account.isEmpty() || hash.isEmpty()) {
            throw new UsernameNotFoundException("unknown or disabled account");
        }
        return User.withUsername(account.get().username())
                .password(hash.get())
                .authorities(account.get().roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList())
                .build();
    }
}
