package org.comity.casework.domain;

/** Whether this node is the requesting State's (outgoing) or the requested State's (incoming). */
public enum Direction {
    OUTGOING,
    INCOMING
}
