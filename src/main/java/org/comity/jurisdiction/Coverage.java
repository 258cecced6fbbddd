package org.comity.jurisdiction;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Conduct categories a profile covers completely: for these, its offences are all the State's
 * offences of that conduct, so their maxima are the State's maxima and a category with no offence is
 * stated as not an offence. Outside its coverage a profile's silence means nothing: criminality is
 * unknown, never "not criminal".
 *
 * @param source the id of the profile source that shows the catalogue is complete ({@code fictional}
 *     for a fictional State)
 * @param note what the completeness rests on, in plain words
 */
public record Coverage(
        Set<ConductCode> conduct, String source, @Nullable String note) {

    public Coverage {
        if (conduct == null || conduct.isEmpty()) {
            throw new IllegalArgumentException("a coverage entry names at least one conduct category");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a coverage entry names its source");
        }
        conduct = Set.copyOf(conduct);
    }
}
