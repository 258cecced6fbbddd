package org.comity.safeguards.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.comity.treaty.Certainty;
import org.comity.treaty.Citation;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The human-rights articles safeguards cite ({@code safeguards/human-rights-articles.yaml}), each with
 * its certainty tag and where it is read. A finding whose source is human-rights law cites these, so
 * that a ground the cooperation treaty does not contain (the death penalty, ne bis in idem) is never
 * cited as if the treaty gave it. References to any other instrument go to the treaty catalogue.
 */
public final class HumanRightsArticles {

    private final Map<String, Citation> byReference;
    private final Set<String> instruments;

    private HumanRightsArticles(Map<String, Citation> byReference, Set<String> instruments) {
        this.byReference = Map.copyOf(byReference);
        this.instruments = Set.copyOf(instruments);
    }

    public static HumanRightsArticles read(String yaml) {
        Object root =
                new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(yaml);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalStateException("safeguards/human-rights-articles.yaml: expected a map of instruments");
        }
        var citations = new HashMap<String, Citation>();
        map.forEach((instrument, body) -> {
            if (!(body instanceof Map<?, ?> entry)
                    || entry.get("source") == null
                    || !(entry.get("articles") instanceof Map<?, ?> articles)) {
                throw new IllegalStateException(
                        "safeguards/human-rights-articles.yaml: " + instrument + " needs a source and articles");
            }
            articles.forEach((reference, article) -> {
                if (!(article instanceof Map<?, ?> a) || a.get("subject") == null || a.get("certainty") == null) {
                    throw new IllegalStateException("safeguards/human-rights-articles.yaml: " + instrument + " "
                            + reference + " needs a subject and a certainty tag");
                }
                var ref = String.valueOf(reference);
                int open = ref.indexOf('(');
                var number = open < 0 ? ref : ref.substring(0, open);
                Optional<String> paragraph = open < 0
                        ? Optional.empty()
                        : Optional.of(ref.substring(open + 1, ref.indexOf(')')) + ref.substring(ref.indexOf(')') + 1));
                citations.put(
                        instrument + ":" + number + paragraph.map(p -> "/" + p).orElse(""),
                        new Citation(
                                String.valueOf(instrument),
                                number,
                                paragraph,
                                Certainty.valueOf(String.valueOf(a.get("certainty"))),
                                String.valueOf(a.get("subject"))));
            });
        });
        return new HumanRightsArticles(
                citations, map.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()));
    }

    /** The instruments this file lists: the only ones a human-rights source may cite. */
    public Set<String> instruments() {
        return instruments;
    }

    /** This file for its instruments, the treaty catalogue for every other. */
    public CitationFile.Catalogue before(CitationFile.Catalogue treaties) {
        return (instrument, article, paragraph) -> {
            if (!instruments.contains(instrument)) {
                return treaties.cite(instrument, article, paragraph);
            }
            var cited = byReference.get(
                    instrument + ":" + article + paragraph.map(p -> "/" + p).orElse(""));
            if (cited == null) {
                throw new IllegalArgumentException(instrument + " " + article
                        + paragraph.map(p -> "(" + p + ")").orElse("")
                        + " is not in safeguards/human-rights-articles.yaml");
            }
            return cited;
        };
    }
}
