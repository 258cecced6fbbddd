package org.comity.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;

/**
 * What an administrator supplies to create an account. {@link #validate()} lists every broken rule
 * at once.
 */
public record NewAccount(
        String username, String displayName, Set<Role> roles, String password, java.util.Optional<String> unit) {

    static final Pattern UNIT = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    /** An account of no particular unit: it sees every unit's requests. */
    public NewAccount(String username, String displayName, Set<Role> roles, String password) {
        this(username, displayName, roles, password, java.util.Optional.empty());
    }

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;

    public NewAccount {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        unit = unit == null
                ? java.util.Optional.empty()
                : unit.map(String::strip).filter(u -> !u.isEmpty());
    }

    void validate() {
        var problems = new ArrayList<Violation>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add(new Violation(
                    "username",
                    "username-format",
                    "3 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter"));
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            problems.add(new Violation("displayName", "display-name-length", "1 to 200 characters"));
        }
        if (unit.isPresent() && !UNIT.matcher(unit.get()).matches()) {
            problems.add(
                    new Violation("unit", "unit-format", "lower-case letters, digits and '-', at most 41 characters"));
        }
        if (roles.isEmpty()) {
            problems.add(new Violation("roles", "at-least-one-role", "an account needs at least one role"));
        }
        problems.addAll(passwordProblems(password, username));
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    static List<Violation> passwordProblems(String password, String username) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            return List.of(new Violation(
                    "password", "password-length", "between " + MIN_PASSWORD + " and " + MAX_PASSWORD + " characters"));
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            return List.of(new Violation("password", "password-contains-username", "must not contain the username"));
        }
        return List.of();
    }

    @Override
    public String toString() {
        return "NewAccount[username=" + username + ", roles=" + roles + "]";
    }
}
