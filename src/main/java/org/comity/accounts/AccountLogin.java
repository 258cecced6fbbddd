package org.comity.accounts;

import org.comity.accounts.persistence.JdbcAccounts;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks an enabled account up for the password check ({@link SignIn}). Unknown and disabled accounts
 * are both "not found", which Spring Security's {@code DaoAuthenticationProvider} answers like a wrong
 * password, after hashing the presented password against a dummy hash so that the time taken does not
 * tell them apart.
 */
final class AccountLogin implements UserDetailsService {

    private final JdbcAccounts store;

    AccountLogin(JdbcAccounts store) {
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (username == null || !NewAccount.USERNAME.matcher(username).matches()) {
            throw new UsernameNotFoundException("not a username");
        }
        var account = store.find(username).filter(Account::enabled);
        // One query for the hash and the generation, so a session never pairs an old password with a
        // new generation.
        var credentials = account.flatMap(a -> store.credentials(a.username()));
        if (account.isEmpty() || credentials.isEmpty()) {
            throw new UsernameNotFoundException("unknown or disabled account");
        }
        return new AccountPrincipal(
                account.get().username(),
                credentials.get().passwordHash(),
                account.get().roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList(),
                credentials.get().sessionGeneration());
    }
}
