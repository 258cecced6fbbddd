package org.comity.safeguards;

import java.util.Locale;

/**
 * Characteristics on account of which a person may be persecuted. The first seven are the grounds the
 * Convention's persecution clause names; the others become grounds where a requested State's policy
 * pack says so (for example sexual orientation and gender identity).
 */
public enum Characteristic {
    SEX(true),
    RACE(true),
    LANGUAGE(true),
    RELIGION(true),
    NATIONALITY(true),
    ETHNIC_ORIGIN(true),
    POLITICAL_OPINION(true),
    SEXUAL_ORIENTATION(false),
    GENDER_IDENTITY(false),
    DISABILITY(false),
    MEMBERSHIP_OF_SOCIAL_GROUP(false);

    private final boolean conventionGround;

    Characteristic(boolean conventionGround) {
        this.conventionGround = conventionGround;
    }

    public boolean conventionGround() {
        return conventionGround;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static Characteristic ofCode(String code) {
        for (Characteristic c : values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown characteristic '" + code + "'");
    }
}
