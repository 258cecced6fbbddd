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
 * At the first start of a sandbox node, creates one account per role with a random password and
 * prints the passwords once to the console. They are not logged through the logging system and not
 * stored anywhere but as Argon2id hashes; there is no default password.
 */
@Component
class SandboxAccounts implements ApplicationRunner {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Accounts accounts;
    private final NodeIdentity node;
    private final SecureRandom random = new SecureRandom();

    SandboxAccounts(Accounts accounts, NodeIdentity node) {
        this.accounts = accounts;
        this.node = node;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!node.isSandbox() || !accounts.isEmpty()) {
            return;
        }
        var created = new LinkedHashMap<String, String>();
        for (Role role : Role.values()) {
            var username = role.name().toLowerCase(Locale.ROOT).replace('_', '-');
            var password = password();
            accounts.register(
                    new NewAccount(username, "Sandbox " + username.replace('-', ' '), Set.of(role), password),
                    "sandbox");
            created.put(username, password);
        }
        var out = new StringBuilder()
                .append("\n==================================================================================\n")
                .append(" Sandbox accounts, created now. The passwords are shown this once; note them.\n")
                .append(" (Delete the data directory to start again with new ones.)\n\n");
        created.forEach((user, pass) -> out.append(String.format("   %-16s %s%n", user, pass)));
        out.append("==================================================================================\n");
        System.out.println(out);
    }

    private String password() {
        var chars = new char[20];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }
}
