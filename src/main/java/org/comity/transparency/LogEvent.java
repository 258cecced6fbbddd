package org.comity.transparency;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to log, as casework hands it over. Only {@code metadata} is published; the confidential
 * record (the full request or decision, in whatever form casework archives it) is committed to in the
 * entry and kept by the node, to be revealed from {@code disclose} on.
 *
 * @param eventId the casework event's id: appending the same id twice logs it once
 * @param metadata the public part
 * @param confidentialRecord the full record, e.g. its canonical JSON (at most 1 MiB)
 * @param disclose from this day the node may publish the record and its salt
 */
public record LogEvent(UUID eventId, PublicMetadata metadata, byte[] confidentialRecord, LocalDate disclose) {

    public static final int MAX_RECORD_BYTES = 1 << 20;

    public LogEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(confidentialRecord, "confidentialRecord");
        Objects.requireNonNull(disclose, "disclose");
        if (confidentialRecord.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a confidential record has at most 1 MiB");
        }
        if (disclose.isBefore(metadata.day())) {
            throw new IllegalArgumentException("the disclosure date cannot precede the event");
        }
        confidentialRecord = confidentialRecord.clone();
    }

    @Override
    public byte[] confidentialRecord() {
        return confidentialRecord.clone();
    }
}
