package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;

/**
 * The optional {@code basis} key of a decision entry (issue 13): a closed code, only on grants, first in
 * canonical order; an entry without it is byte for byte what entries were before the key existed.
 */
class LogEntryBasisTest {

    static final Commitment COMMITMENT = new Commitment("ab".repeat(32), LocalDate.parse("2031-03-02"));

    static PublicMetadata granted(String basis) {
        return PublicMetadata.of(
                        EventType.REQUEST_DECIDED,
                        CountryCode.of("XA"),
                        CountryCode.of("XB"),
                        "stored-data",
                        List.of(),
                        List.of("ict-theft-or-fraud"),
                        false,
                        Outcome.GRANTED,
                        List.of(),
                        LocalDate.parse("2026-03-02"))
                .withBasis(basis);
    }

    @Test
    void anEntryWithoutABasisKeepsItsFormerBytes() {
        var entry = new LogEntry(granted(null), COMMITMENT);
        var bytes = new String(entry.bytes(), StandardCharsets.UTF_8);
        assertThat(bytes)
                .isEqualTo(
                        "{\"commitment\":{\"disclose\":\"2031-03-02\",\"sha256\":\"" + "ab".repeat(32)
                                + "\"},\"day\":\"2026-03-02\",\"emergency\":false,\"event\":\"request-decided\","
                                + "\"kind\":\"stored-data\",\"legalBasis\":[],\"offenceCategories\":[\"ict-theft-or-fraud\"],"
                                + "\"outcome\":\"granted\",\"refusalGrounds\":[],\"requested\":\"XB\",\"requesting\":\"XA\",\"v\":1}");
        assertThat(LogEntry.parse(entry.bytes())).isEqualTo(entry);
    }

    @Test
    void aGrantOnAnotherBasisSaysWhichFirstAndParsesBack() {
        var entry = new LogEntry(granted("reciprocity"), COMMITMENT);
        var bytes = new String(entry.bytes(), StandardCharsets.UTF_8);
        assertThat(bytes).startsWith("{\"basis\":\"reciprocity\",\"commitment\":");
        assertThat(LogEntry.parse(entry.bytes()).metadata().basis()).isEqualTo("reciprocity");
        // Anywhere but first is not canonical.
        var moved = bytes.replace("\"basis\":\"reciprocity\",", "")
                .replace(",\"v\":1}", ",\"basis\":\"reciprocity\",\"v\":1}");
        assertThatThrownBy(() -> LogEntry.parse(moved.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheClosedCodesAndOnlyOnGrants() {
        assertThatThrownBy(() -> granted("the minister agreed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> granted("comity")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicMetadata.of(
                                EventType.REQUEST_DECIDED,
                                CountryCode.of("XA"),
                                CountryCode.of("XB"),
                                "stored-data",
                                List.of(),
                                List.of(),
                                false,
                                Outcome.REFUSED,
                                List.of("persecution"),
                                LocalDate.parse("2026-03-02"))
                        .withBasis("domestic-law"))
                .isInstanceOf(IllegalArgumentException.class);
        var json = new String(new LogEntry(granted("domestic-law"), COMMITMENT).bytes(), StandardCharsets.UTF_8)
                .replace("domestic-law", "Domestic law");
        assertThatThrownBy(() -> LogEntry.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
