package org.comity.transparency;

import java.util.Locale;

/** What happened to a request, as the public log records it. Codes are kebab-case in entries. */
public enum EventType {
    /** This node sent a request to another State. */
    REQUEST_SENT,
    /** This node received (registered) a request from another State. */
    REQUEST_RECEIVED,
    /** The requested State decided: see the outcome and refusal grounds. */
    REQUEST_DECIDED,
    /** The requesting State withdrew the request. */
    REQUEST_WITHDRAWN,
    /** The requested State finished executing the request. */
    REQUEST_EXECUTED,
    /** The requested State's node sent a sealed evidence package, and the recipient verified it: see its manifest digest. */
    EVIDENCE_TRANSMITTED,
    /** The requesting State's node received an evidence package and verified it: see its manifest digest. */
    EVIDENCE_RECEIVED;

    /** Whether entries of this type name an evidence package's manifest digest. */
    public boolean namesEvidence() {
        return this == EVIDENCE_TRANSMITTED || this == EVIDENCE_RECEIVED;
    }

    // Computed once: every entry, posting and page asks for it (issue 18: it was two new strings a call).
    private final String code = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String code() {
        return code;
    }

    public static EventType fromCode(String code) {
        for (EventType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + code + "'");
    }
}
