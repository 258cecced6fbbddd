package org.comity.safeguards.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.domain.Rules;
import org.comity.treaty.Citation;
import org.comity.treaty.KindOfAssistance;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads {@code safeguards/citations.yaml} and resolves every reference through the articles catalogue.
 * Any reference the catalogue lacks is a problem; all problems are reported together and the node does
 * not start, since a rule citing a made-up article must never run.
 */
public final class CitationFile {

    /** How the catalogue is asked for one article or paragraph ({@code Treaties::cite}). */
    @FunctionalInterface
    public interface Catalogue {
        Citation cite(String instrument, String article, Optional<String> paragraph);
    }

    private static final Pattern REFERENCE =
            Pattern.compile("([A-Z0-9-]+):([0-9]{1,3}[a-z]{0,6})((?:\\([a-z0-9]{1,4}\\))*)");

    private CitationFile() {}

    /**
     * The citations file with the human-rights articles ({@code safeguards/human-rights-articles.yaml})
     * resolved from that file and every other reference from the treaty catalogue; then every built-in
     * rule's declared sources are checked against it ({@link Rules#checkAttributions}), so a rule that
     * would attribute a finding to a key the file lacks, or to human-rights law through a treaty
     * article, stops the node too.
     */
    public static Citations read(String yaml, String humanRightsYaml, Catalogue treaties) {
        var humanRights = HumanRightsArticles.read(humanRightsYaml);
        var citations = read(yaml, humanRights.before(treaties));
        var problems =
                new ArrayList<String>(Rules.checkAttributions(Rules.all(), citations, humanRights.instruments()));
        problems.addAll(kindsCited(citations));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the safeguards rules' sources have " + problems.size() + " problem(s): "
                    + String.join("; ", problems));
        }
        return citations;
    }

    /** Every kind of assistance has its articles, so a reservation of one can be compared with them. */
    public static List<String> kindsCited(Citations citations) {
        var problems = new ArrayList<String>();
        for (var kind : KindOfAssistance.values()) {
            if (!citations.has(kind.citationKey())
                    || citations.of(kind.citationKey()).isEmpty()) {
                problems.add(kind.citationKey() + ": every kind of assistance needs its articles");
            }
        }
        return problems;
    }

    public static Citations read(String yaml, Catalogue catalogue) {
        Object root =
                new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(yaml);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalStateException("safeguards/citations.yaml: expected a map of keys to references");
        }
        var problems = new ArrayList<String>();
        var resolved = new LinkedHashMap<String, List<Citation>>();
        map.forEach((key, value) -> {
            var citations = new ArrayList<Citation>();
            if (!(value instanceof List<?> refs) || refs.isEmpty()) {
                problems.add(key + ": expected a list of references");
                return;
            }
            for (Object ref : refs) {
                var matcher = REFERENCE.matcher(String.valueOf(ref));
                if (!matcher.matches()) {
                    problems.add(key + ": '" + ref + "' is not INSTRUMENT:ARTICLE(PARAGRAPH)");
                    continue;
                }
                var brackets = matcher.group(3);
                Optional<String> paragraph = brackets.isEmpty() ? Optional.empty() : Optional.of(paragraph(brackets));
                try {
                    citations.add(catalogue.cite(matcher.group(1), matcher.group(2), paragraph));
                } catch (RuntimeException e) {
                    problems.add(key + ": " + ref + " is not in the articles catalogue (" + e.getMessage() + ")");
                }
            }
            resolved.put(String.valueOf(key), citations);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "safeguards/citations.yaml has " + problems.size() + " problem(s): " + String.join("; ", problems));
        }
        return new Citations(resolved);
    }

    /** {@code (1)(c)} → {@code 1(c)}: the catalogue's paragraph ids keep inner brackets only. */
    private static String paragraph(String brackets) {
        int close = brackets.indexOf(')');
        return brackets.substring(1, close) + brackets.substring(close + 1);
    }
}
