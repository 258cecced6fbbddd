package org.comity.jurisdiction;

import java.util.Optional;

/**
 * One category of the conduct vocabulary ({@code jurisdiction/conduct.yaml}): its code, its English
 * title (pages show the translation from the message bundles when there is one), whether the
 * Convention defines it, for those the articles-catalogue key it cites (such as {@code UNCC:7}), and
 * for the others what the category takes in (the Convention's article defines its own).
 */
public record ConductEntry(
        ConductCode code, String title, boolean convention, Optional<String> citation, Optional<String> meaning) {

    public ConductEntry {
        java.util.Objects.requireNonNull(code, "code");
        java.util.Objects.requireNonNull(title, "title");
        java.util.Objects.requireNonNull(citation, "citation");
        java.util.Objects.requireNonNull(meaning, "meaning");
    }

    public ConductEntry(ConductCode code, String title, boolean convention, Optional<String> citation) {
        this(code, title, convention, citation, Optional.empty());
    }
}
