package org.comity.casework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.Violation;
import org.comity.treaty.Treaties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Adds to each content problem the article its rule rests on ({@code casework/content-citations.yaml}),
 * resolved through the treaty module's articles catalogue at start: a key that is not in the catalogue
 * stops the node rather than show a made-up citation.
 */
@Component
class ContentCitations {

    private final Map<String, String> byRule = new HashMap<>();

    ContentCitations(Treaties treaties) {
        JsonNode root;
        try (var in = new ClassPathResource("casework/content-citations.yaml").getInputStream()) {
            root = YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode entry : root.values()) {
            var citation = treaties.cite(
                    entry.path("instrument").asString(),
                    entry.path("article").asString(),
                    Optional.ofNullable(entry.path("paragraph").asString(null)));
            for (JsonNode rule : entry.path("rules").values()) {
                if (byRule.put(rule.asString(), citation.toString()) != null) {
                    throw new IllegalStateException("content rule cited twice: " + rule.asString());
                }
            }
        }
    }

    List<Violation> cite(List<Violation> violations) {
        return violations.stream()
                .map(v -> v.citation() == null && byRule.containsKey(v.rule()) ? v.citing(byRule.get(v.rule())) : v)
                .toList();
    }
}
