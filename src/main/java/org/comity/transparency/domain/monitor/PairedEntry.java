package org.comity.transparency.domain.monitor;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the monitor keeps of a log entry that carries a pairing token: the keys two States' entries of
 * one request must agree on. Every value is a code from the entry (no spaces, no free text).
 *
 * @param event the entry's event code ({@code request-sent}, {@code request-received}, …)
 * @param outcome the outcome code, or null when the entry has none
 */
public record PairedEntry(
        long index,
        String token,
        String event,
        String requesting,
        String requested,
        String kind,
        List<String> legalBasis,
        String day,
        @Nullable String outcome) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");

    public PairedEntry {
        if (index < 0) {
            throw new IllegalArgumentException("negative entry index");
        }
        if (!TOKEN.matcher(Objects.requireNonNull(token, "pairing")).matches()) {
            throw new IllegalArgumentException("pairing is 1 to 128 base64url characters");
        }
        for (String code : List.of(event, requesting, requested, kind, day)) {
            code(code);
        }
        legalBasis = List.copyOf(legalBasis);
        legalBasis.forEach(PairedEntry::code);
        if (outcome != null) {
            code(outcome);
        }
    }

    private boolean daysAgree(PairedEntry other, long transitDays) {
        LocalDate mine;
        LocalDate theirs;
        try {
            mine = LocalDate.parse(day);
            theirs = LocalDate.parse(other.day);
        } catch (DateTimeParseException e) {
            return day.equals(other.day);
        }
        long gap = ChronoUnit.DAYS.between(mine, theirs);
        if (event.equals("request-sent") && other.event.equals("request-received")) {
            return gap >= 0 && gap <= transitDays;
        }
        if (event.equals("request-received") && other.event.equals("request-sent")) {
            return -gap >= 0 && -gap <= transitDays;
        }
        return Math.abs(gap) <= transitDays;
    }

    private static void code(String value) {
        if (!CODE.matcher(Objects.requireNonNull(value)).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a code");
        }
    }

    /**
     * The event the counterpart records: a request sent is received on the other side; a decision,
     * withdrawal or execution is recorded under the same event by both.
     */
    String pairEvent() {
        return switch (event) {
            case "request-sent", "request-received" -> "request-sent/received";
            default -> event;
        };
    }

    /** What identifies the pair: the token, the event pair and the two States. */
    String pairKey() {
        return token + " " + pairEvent() + " " + requesting + " " + requested;
    }

    /**
     * The keys on which this entry and its counterpart differ, in entry key order. The two days may
     * differ by the time the message took to arrive: the receiving side's day is never before the
     * sender's and at most {@code transitDays} after it (for an event both sides record under the same
     * code, whose order is not known, either may be first by that much). Any other gap is a
     * disagreement: an entry back-dated or post-dated to hide when a request really travelled.
     */
    List<String> differences(PairedEntry other, long transitDays) {
        var fields = new java.util.ArrayList<String>();
        if (!daysAgree(other, transitDays)) {
            fields.add("day");
        }
        if (!kind.equals(other.kind)) {
            fields.add("kind");
        }
        if (!legalBasis.equals(other.legalBasis)) {
            fields.add("legalBasis");
        }
        if (!Objects.equals(outcome, other.outcome)) {
            fields.add("outcome");
        }
        return fields;
    }
}
