package org.comity.exchange;

import java.util.Optional;

/** The part an authority plays in the exchange: a closed vocabulary, written as its code on the wire. */
public enum AuthorityRole {
    CENTRAL_AUTHORITY("central-authority"),
    POINT_OF_CONTACT_24_7("24-7-point-of-contact"),
    COMPETENT_AUTHORITY("competent-authority"),
    SERVICE_PROVIDER("service-provider"),
    OVERSIGHT_BODY("oversight-body");

    private final String code;

    AuthorityRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AuthorityRole> fromCode(String code) {
        for (AuthorityRole role : values()) {
            if (role.code.equals(code)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
