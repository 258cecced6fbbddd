package org.comity.jurisdiction;

import org.jspecify.annotations.Nullable;

/** Where a fact in a profile comes from. */
public record Source(
        String id,
        String title,
        @Nullable String publisher,
        @Nullable String url) {

    public Source {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("source ids are short lower-case words");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a source has a title");
        }
    }
}
