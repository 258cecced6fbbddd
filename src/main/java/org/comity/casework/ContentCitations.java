package org.comity.casework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.Violation;
import org.comity.treaty.Citation;
import org.comity.treaty.Treaties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Adds to each content problem the article its rule rests on ({@code casework/content-citations.yaml}),
 * resolved through the treaty module's articles catalogue at start: a key that is not in the catalogue
 * stops the node rather than show a made-up citation. A rule that rests on no article but on Comity's
 * own practice says so instead of borrowing one.
 */
@Component
class ContentCitations {

    /** What a rule of Comity's own practice cites instead of an article, so nobody reads it as treaty law. */
    static final String PRACTICE = "Comity practice (no treaty article)";

    private final Map<String, String> byRule = new HashMap<>();

    /** Resolves an article of the catalogue, throwing for one it lacks ({@link Treaties#cite}). */
    interface Catalogue {
        Citation cite(String instrument, String article, Optional<String> paragraph);
    }

    @Autowired
    ContentCitations(Treaties treaties) {
        this(treaties::cite);
    }

    ContentCitations(Catalogue treaties) {
        JsonNode root;
        try (var in = new ClassPathResource("casework/content-citations.yaml").getInputStream()) {
            root = YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode entry : root.values()) {
            String citation = entry.path("practice").asBoolean(false) ? PRACTICE : cited(treaties, entry);
            for (JsonNode rule : entry.path("rules").values()) {
                if (byRule.put(rule.asString(), citation) != null) {
                    throw new IllegalStateException("content rule cited twice: " + rule.asString());
                }
            }
        }
    }

    /** The entry's article and any it rests on {@code also}, each resolved through the catalogue. */
    private static String cited(Catalogue treaties, JsonNode entry) {
        var instrument = entry.path("instrument").asString();
        var citations = new ArrayList<String>();
        citations.add(treaties.cite(instrument, entry.path("article").asString(), paragraph(entry))
                .toString());
        for (JsonNode also : entry.path("also").values()) {
            citations.add(treaties.cite(instrument, also.path("article").asString(), paragraph(also))
                    .toString());
        }
        return String.join("; ", citations);
    }

    private static Optional<String> paragraph(JsonNode node) {
        return Optional.ofNullable(node.path("paragraph").asString(null));
    }

    List<Violation> cite(List<Violation> violations) {
        return violations.stream()
                .map(v -> v.citation() == null && byRule.containsKey(v.rule()) ? v.citing(byRule.get(v.rule())) : v)
                .toList();
    }
}
