package org.comity.safeguards;

import java.time.Instant;
import java.util.List;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * One loaded version of a State's policy pack, as administrators and auditors see it.
 *
 * @param label what assessments record ({@code id@version(fingerprint)})
 * @param source the file it came from: {@code classpath:…} for packs shipped with the node, otherwise
 *     the name of the uploaded file
 * @param sha256 SHA-256 of the pack's text, in hex
 * @param importedBy the administrator who imported it; null for packs shipped with the node
 * @param importedAt when it was imported; null for packs shipped with the node
 * @param current the version new assessments of requests to this State use
 * @param thresholds the thresholds it sets for the built-in rules ({@code defaults} if none)
 */
public record PolicyPackVersion(
        CountryCode state,
        String pack,
        int version,
        String label,
        String source,
        String sha256,
        @Nullable String importedBy,
        @Nullable Instant importedAt,
        boolean current,
        List<String> rules,
        String thresholds) {

    public PolicyPackVersion {
        rules = List.copyOf(rules);
    }
}
