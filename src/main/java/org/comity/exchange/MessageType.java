package org.comity.exchange;

import java.util.Arrays;
import java.util.Optional;

/** What a message between authorities is, a closed vocabulary written as its code on the wire. */
public enum MessageType {
    REQUEST("request"),
    ACKNOWLEDGEMENT("acknowledgement"),
    INFORMATION_REQUEST("information-request"),
    INFORMATION_ANSWER("information-answer"),
    CONSULTATION("consultation"),
    DECISION("decision"),
    EXECUTION_RESULT("execution-result"),
    EVIDENCE_NOTICE("evidence-notice"),
    WITHDRAWAL("withdrawal"),
    CORRESPONDENCE("correspondence"),
    /** The receiver refused to register or record a message: {@code {"v":1,"refused":<id>,"rule":<code>}}. */
    REFUSAL("refusal"),
    RECEIPT("receipt");

    private final String code;

    MessageType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MessageType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
