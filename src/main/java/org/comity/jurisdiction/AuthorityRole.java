package org.comity.jurisdiction;

/** The parts a State's authorities play in cooperation. */
public enum AuthorityRole {
    CENTRAL_AUTHORITY,
    POINT_OF_CONTACT_24_7,
    COMPETENT_AUTHORITY;

    public String code() {
        return switch (this) {
            case CENTRAL_AUTHORITY -> "central-authority";
            case POINT_OF_CONTACT_24_7 -> "24-7-contact";
            case COMPETENT_AUTHORITY -> "competent-authority";
        };
    }

    public static AuthorityRole fromCode(String code) {
        for (AuthorityRole role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown authority role " + code);
    }
}
