package org.comity.jurisdiction;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An authority in a State's directory, with the languages it accepts requests in. */
public record Authority(
        AuthorityRole role,
        String name,
        List<String> languages,
        List<Channel> channels,
        @Nullable String source) {

    public Authority {
        if (role == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("an authority has a role and a name");
        }
        languages = List.copyOf(languages);
        channels = List.copyOf(channels);
        for (String language : languages) {
            if (!language.matches("[a-z]{2,3}")) {
                throw new IllegalArgumentException("languages are ISO 639 codes");
            }
        }
    }
}
