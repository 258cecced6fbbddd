package org.comity.evidence.domain;

import java.util.Arrays;
import java.util.Locale;

/** What was done to a package or one of its items, as a custody record names it. */
public enum Act {
    CREATED,
    ITEM_ANNOUNCED,
    ITEM_ADDED,
    SEALED,
    DOWNLOADED,
    EXPORTED,
    RETENTION_CHANGED,
    HOLD_PLACED,
    HOLD_RELEASED,
    DELETED;

    /** The stable code: {@code item-added}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Act ofCode(String code) {
        return Arrays.stream(values())
                .filter(a -> a.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no act " + code));
    }
}
