package org.comity.safeguards;

import java.time.Instant;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to import a policy pack, from the append-only audit.
 *
 * @param state the State the file named, null if it could not be read
 * @param version the version the file named, null if it could not be read
 * @param outcome {@code accepted}, {@code invalid} (problems in the file) or {@code
 *     version-not-greater}
 * @param problems how many problems the file had (0 when accepted)
 */
public record PolicyPackImportAttempt(
        Instant attemptedAt,
        String attemptedBy,
        @Nullable CountryCode state,
        @Nullable Integer version,
        String source,
        String sha256,
        String outcome,
        int problems) {}
