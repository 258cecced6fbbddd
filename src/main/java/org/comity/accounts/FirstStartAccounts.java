package org.comity.accounts;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import org.comity.node.NodeIdentity;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At a node's first start (no account exists yet), creates the accounts someone needs to get in, with
 * random passwords printed once to the console: one per role on a sandbox, a single administrator on
 * a real server. The passwords go to standard output, not through the logging system, and are stored
 * only as Argon2id hashes; there is no default password.
 */
@Component
class FirstStartAccounts implements ApplicationRunner {

    private final Accounts accounts;
    private final NodeIdentity node;
    private final SecureRandom random = new SecureRandom();

    FirstStartAccounts(Accounts accounts, NodeIdentity node) {
        this.accounts = accounts;
        this.node = node;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.isEmpty()) {
            return;
        }
        var created = new LinkedHashMap<String, String>();
        for (Role role : node.isSandbox() ? Role.values() : new Role[] {Role.ADMIN}) {
            var username = role.name().toLowerCase(Locale.ROOT).replace('_', '-');
            var password = RandomPasswords.next(random);
            accounts.register(
                    new NewAccount(
                            username,
                            (node.isSandbox() ? "Sandbox " : "First ") + username.replace('-', ' '),
                            Set.of(role),
                            password),
                    "first-start");
            created.put(username, password);
        }
        var out = new StringBuilder()
                .append("\n==================================================================================\n")
                .append(node.isSandbox() ? " Sandbox accounts" : " First administrator account")
                .append(", created now. The passwords are shown this once; note them.\n")
                .append(
                        node.isSandbox()
                                ? " (Delete the data directory to start again with new ones.)\n\n"
                                : " Sign in, create named accounts for your staff, then disable this one.\n"
                                        + " (java -jar comity.jar accounts reset-password admin sets a new one.)\n\n");
        created.forEach((user, pass) -> out.append(String.format("   %-16s %s%n", user, pass)));
        out.append("==================================================================================\n");
        System.out.println(out);
    }
}
