package org.comity.casework.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;

/**
 * How much of a request's documents may travel inside its {@code request} message (docs/exchange.md,
 * "Attachments"). The whole message must fit the receiving inbox's bound, and every byte of a document
 * grows by about 4/3 three times on the way (base64 in the payload, base64url of the signed payload,
 * base64url of the ciphertext), so the documents are bounded each and together, and the message as a
 * whole is estimated before it is sealed.
 */
public record TravellingAttachments(int maxCount, long maxEachBytes, long maxTotalBytes, long maxMessageBytes) {

    /** Room for the JWE and JWS headers and the envelope's members around the payload. */
    static final long ENVELOPE_OVERHEAD = 4096;

    public TravellingAttachments {
        if (maxCount < 0 || maxEachBytes < 1 || maxTotalBytes < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("attachment bounds must be positive");
        }
    }

    /** Every bound the documents of a request break, at once; empty when they may travel. */
    public List<Violation> check(List<Long> sizes) {
        var problems = new ArrayList<Violation>();
        if (sizes.size() > maxCount) {
            problems.add(new Violation(
                    "attachments", "attachment-count", "at most " + maxCount + " documents travel with a request"));
        }
        long total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            long size = sizes.get(i);
            total += size;
            if (size > maxEachBytes) {
                problems.add(new Violation(
                        "attachments[" + i + "]",
                        "attachment-too-large",
                        "a document travels by the exchange only up to " + maxEachBytes + " bytes"));
            }
        }
        if (total > maxTotalBytes) {
            problems.add(new Violation(
                    "attachments",
                    "attachments-too-large",
                    "the documents of a request travel by the exchange only up to " + maxTotalBytes
                            + " bytes together"));
        }
        return problems;
    }

    /** The payload, sealed, would exceed the inbox's bound: the request document itself is too large. */
    public List<Violation> checkPayload(long payloadBytes) {
        if (sealedBytes(payloadBytes) > maxMessageBytes) {
            return List.of(new Violation(
                    "attachments",
                    "message-too-large",
                    "the request with its documents would exceed the " + maxMessageBytes + " bytes an inbox accepts"));
        }
        return List.of();
    }

    /** The size of the compact JWE that carries a payload of this many bytes, from above. */
    public static long sealedBytes(long payloadBytes) {
        return base64(base64(payloadBytes) + ENVELOPE_OVERHEAD) + ENVELOPE_OVERHEAD;
    }

    private static long base64(long bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
