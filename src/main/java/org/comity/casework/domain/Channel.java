package org.comity.casework.domain;

/** How a request travelled between the States: a closed set, so that lists and statistics compare. */
public enum Channel {
    PAPER,
    EMAIL,
    DIPLOMATIC,
    /** The 24/7 network of points of contact (Budapest Convention art. 35, UNCC art. 41). */
    NETWORK_24_7,
    ELECTRONIC
}
