package org.comity.jurisdiction;

/** How an authority can be reached. */
public record Channel(Kind kind, String address) {

    public enum Kind {
        EMAIL,
        PHONE,
        POSTAL,
        PORTAL,
        FAX
    }

    public Channel {
        if (kind == null || address == null || address.isBlank()) {
            throw new IllegalArgumentException("a channel has a kind and an address");
        }
    }
}
