package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;

/**
 * The optional {@code pairing} key (issue 16): a random base64url token, between {@code outcome} and
 * {@code refusalGrounds} in canonical order; an entry without it keeps the bytes entries had before.
 */
class LogEntryPairingTest {

    static final String TOKEN = "q3B8xY0fT-2kL_9mN4pR7w";

    static PublicMetadata sent(String pairing) {
        return PublicMetadata.of(
                        EventType.REQUEST_SENT,
                        CountryCode.of("XA"),
                        CountryCode.of("XB"),
                        "stored-data",
                        List.of(),
                        List.of("illegal-access"),
                        false,
                        null,
                        List.of(),
                        LocalDate.parse("2026-03-02"))
                .withPairing(pairing);
    }

    @Test
    void withoutATokenTheEntryIsByteForByteAsBefore() {
        var without = new LogEntry(sent(null), LogEntryBasisTest.COMMITMENT);
        var before = new LogEntry(
                PublicMetadata.of(
                        EventType.REQUEST_SENT,
                        CountryCode.of("XA"),
                        CountryCode.of("XB"),
                        "stored-data",
                        List.of(),
                        List.of("illegal-access"),
                        false,
                        null,
                        List.of(),
                        LocalDate.parse("2026-03-02")),
                LogEntryBasisTest.COMMITMENT);
        assertThat(without.bytes()).isEqualTo(before.bytes());
        assertThat(new String(without.bytes(), StandardCharsets.UTF_8)).doesNotContain("pairing");
    }

    @Test
    void theTokenSitsInCanonicalOrderAndParsesBack() {
        var entry = new LogEntry(sent(TOKEN), LogEntryBasisTest.COMMITMENT);
        var bytes = new String(entry.bytes(), StandardCharsets.UTF_8);
        assertThat(bytes)
                .contains("\"offenceCategories\":[\"illegal-access\"],\"pairing\":\"" + TOKEN
                        + "\",\"refusalGrounds\":[]");
        assertThat(LogEntry.parse(entry.bytes())).isEqualTo(entry);
        var moved = bytes.replace(",\"pairing\":\"" + TOKEN + "\"", "")
                .replace(",\"v\":1}", ",\"pairing\":\"" + TOKEN + "\",\"v\":1}");
        assertThatThrownBy(() -> LogEntry.parse(moved.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyARandomLookingTokenNeverText() {
        assertThatThrownBy(() -> sent("case 2026/17 of Mr X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sent("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sent("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        var json = new String(new LogEntry(sent(TOKEN), LogEntryBasisTest.COMMITMENT).bytes(), StandardCharsets.UTF_8)
                .replace(TOKEN, "q3B8xY0fT 2kL 9mN4pR7w");
        assertThatThrownBy(() -> LogEntry.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
