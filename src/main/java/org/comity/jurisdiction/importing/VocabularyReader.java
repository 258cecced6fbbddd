package org.comity.jurisdiction.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.ConductEntry;
import org.comity.jurisdiction.domain.ConductVocabulary;
import org.comity.shared.InvalidInput;

/** Reads {@code jurisdiction/conduct.yaml}, the vocabulary every profile is checked against. */
public final class VocabularyReader {

    private VocabularyReader() {}

    public static ConductVocabulary read(String text) {
        var doc = new YamlDocument();
        var entries = new ArrayList<ConductEntry>();
        doc.parse(text).ifPresent(root -> {
            var keys = doc.mapping(root);
            doc.onlyKeys(root, keys, List.of("convention", "other"));
            for (String group : List.of("convention", "other")) {
                if (!keys.containsKey(group)) {
                    continue;
                }
                for (var item : doc.sequence(keys.get(group))) {
                    var entry = doc.mapping(item);
                    doc.onlyKeys(item, entry, List.of("code", "title", "citation", "meaning"));
                    var code = doc.text(entry, "code", item);
                    var title = doc.text(entry, "title", item);
                    Optional<String> citation = doc.optionalText(entry, "citation");
                    Optional<String> meaning = doc.optionalText(entry, "meaning");
                    if (group.equals("convention") && citation.isEmpty()) {
                        doc.problem(item, "citation-required", "convention categories cite their article");
                    }
                    // Outside the Convention nothing else defines the category: two profiles map the same
                    // conduct onto it only if its meaning is written down.
                    if (group.equals("other") && meaning.isEmpty()) {
                        doc.problem(item, "meaning-required", "categories outside the Convention say what they mean");
                    }
                    if (code.isPresent() && title.isPresent()) {
                        entries.add(new ConductEntry(
                                new ConductCode(code.get()),
                                title.get(),
                                group.equals("convention"),
                                citation,
                                meaning));
                    }
                }
            }
        });
        if (!doc.problems().isEmpty()) {
            throw new InvalidInput(doc.problems());
        }
        return new ConductVocabulary(entries);
    }
}
