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
    DELETED,
    /** Every item's bytes reached the recipient node (sender's side). */
    TRANSMITTED,
    /** A transfer's announcement was accepted and this package made for it (receiver's side). */
    RECEIVED,
    /** Every item's SHA-256 and the sender's signed manifest held (receiver's side), or the recipient said so (sender's side). */
    VERIFIED,
    /** A chunk or an item that arrived did not hold and was refused. */
    TRANSFER_REFUSED,
    /** The package's retention ends within the warning period: once per retention date. */
    RETENTION_EXPIRING;

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
