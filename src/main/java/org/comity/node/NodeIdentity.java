package org.comity.node;

import java.util.Optional;
import org.comity.shared.CountryCode;

/** What the node says about itself on its home page and, later, to other nodes. */
public record NodeIdentity(
        String name, String authority, Optional<CountryCode> country, DatabaseMode databaseMode, String version) {

    public NodeIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("comity.node.name must not be blank");
        }
        if (authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("comity.node.authority must not be blank");
        }
    }

    public boolean isSandbox() {
        return databaseMode == DatabaseMode.SANDBOX;
    }
}
