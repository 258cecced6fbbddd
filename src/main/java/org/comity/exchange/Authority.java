package org.comity.exchange;

import java.net.URI;
import org.comity.shared.CountryCode;

/**
 * Who an authority is: the State it acts for, its name, its role and where its inbox receives
 * messages.
 */
public record Authority(AuthorityId id, CountryCode state, String name, AuthorityRole role, URI inbox) {

    public Authority {
        if (id == null || state == null || role == null || inbox == null) {
            throw new IllegalArgumentException("an authority has an id, a State, a role and an inbox");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an authority's name is 1 to 200 characters");
        }
        if (!acceptableInbox(inbox)) {
            throw new IllegalArgumentException("an inbox is an https URL (http only on the loopback interface)");
        }
    }

    /** HTTPS, or plain HTTP to this machine only (tests, a sandbox); never anything else. */
    public static boolean acceptableInbox(URI inbox) {
        if (!inbox.isAbsolute() || inbox.getHost() == null || inbox.getUserInfo() != null) {
            return false;
        }
        if (inbox.toString().length() > 2000 || inbox.getFragment() != null) {
            return false;
        }
        return switch (inbox.getScheme()) {
            case "https" -> true;
            case "http" ->
                inbox.getHost().equals("127.0.0.1")
                        || inbox.getHost().equals("localhost")
                        || inbox.getHost().equals("[::1]");
            default -> false;
        };
    }
}
