package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;

/** Evidence events carry a manifest digest, in its canonical place, and only they do. */
class LogEntryEvidenceTest {

    static final String DIGEST = "ab".repeat(32);

    static PublicMetadata evidence(EventType type, String digest) {
        return new PublicMetadata(
                type,
                CountryCode.of("XA"),
                CountryCode.of("XB"),
                "stored-data",
                List.of(),
                List.of("illegal-access"),
                false,
                null,
                List.of(),
                LocalDate.of(2026, 12, 3),
                null,
                null,
                digest);
    }

    @Test
    void anEvidenceEntryNamesTheDigestBetweenEventAndKindAndParsesBackByteForByte() {
        var entry = new LogEntry(
                evidence(EventType.EVIDENCE_RECEIVED, DIGEST),
                new Commitment("cd".repeat(32), LocalDate.of(2031, 1, 1)));
        var text = new String(entry.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"event\":\"evidence-received\",\"evidence\":\"" + DIGEST + "\",\"kind\":");
        assertThat(LogEntry.parse(entry.bytes())).isEqualTo(entry);
    }

    @Test
    void aDigestOnlyOnEvidenceEventsAndOnlyADigest() {
        assertThatThrownBy(() -> evidence(EventType.REQUEST_SENT, DIGEST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> evidence(EventType.EVIDENCE_TRANSMITTED, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> evidence(EventType.EVIDENCE_TRANSMITTED, "access.log"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> evidence(EventType.EVIDENCE_TRANSMITTED, DIGEST.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
