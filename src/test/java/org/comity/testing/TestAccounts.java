package org.comity.testing;

import java.util.Set;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;

/** Creates accounts for tests, one per role, with a known password. */
public final class TestAccounts {

    public static final String PASSWORD = "correct horse battery staple";

    private TestAccounts() {}

    public static void createOnePerRole(Accounts accounts) {
        for (Role role : Role.values()) {
            var username = username(role);
            if (accounts.find(username).isEmpty()) {
                accounts.register(new NewAccount(username, "Test " + username, Set.of(role), PASSWORD), "test");
            }
        }
    }

    public static String username(Role role) {
        return "test-" + role.name().toLowerCase().replace('_', '-');
    }
}
