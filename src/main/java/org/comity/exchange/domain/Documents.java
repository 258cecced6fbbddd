package org.comity.exchange.domain;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.comity.exchange.TrustRefused;

/** Reading the fields every signed document has, and its time window. */
final class Documents {

    /** Clocks of two authorities differ; a document issued this little in the future is accepted. */
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private Documents() {}

    static Instant time(Map<String, Object> payload, String name) {
        try {
            if (!(payload.get(name) instanceof Number)) {
                throw new ParseException(name, 0);
            }
            long seconds = JSONObjectUtils.getLong(payload, name);
            if (seconds < 0 || seconds > 253_402_300_799L) {
                throw new ParseException(name, 0);
            }
            return Instant.ofEpochSecond(seconds);
        } catch (ParseException e) {
            throw new TrustRefused.MalformedDocument(name, "'" + name + "' is a time in seconds since 1970");
        }
    }

    static String text(Map<String, Object> payload, String name, int maxLength) {
        if (!(payload.get(name) instanceof String value)
                || value.isBlank()
                || value.length() > maxLength
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new TrustRefused.MalformedDocument(
                    name, "'" + name + "' is text of 1 to " + maxLength + " characters");
        }
        return value;
    }

    /** The time-window step: issued no later than now (give or take the skew), not yet expired. */
    static void requireCurrent(Instant issuedAt, Instant expiresAt, Instant now) {
        if (!issuedAt.isBefore(expiresAt)) {
            throw new TrustRefused.MalformedDocument("exp", "a document expires after it was issued");
        }
        if (issuedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw new TrustRefused.NotYetValid("iat", "the document was issued at " + issuedAt + ", after now");
        }
        if (!now.isBefore(expiresAt)) {
            throw new TrustRefused.Expired("exp", "the document expired at " + expiresAt);
        }
    }
}
