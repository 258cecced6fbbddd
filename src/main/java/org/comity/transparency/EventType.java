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
    REQUEST_EXECUTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
