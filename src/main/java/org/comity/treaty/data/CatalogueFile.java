package org.comity.treaty.data;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Certainty;
import org.comity.treaty.Citation;
import org.comity.treaty.domain.Article;
import org.comity.treaty.domain.Catalogue;
import org.comity.treaty.domain.DenunciationRule;
import org.comity.treaty.domain.EffectiveDay;
import org.comity.treaty.domain.Group;
import org.comity.treaty.domain.InstrumentDefinition;
import org.comity.treaty.domain.InstrumentKind;
import org.comity.treaty.domain.ThresholdRule;
import org.comity.treaty.domain.Timing;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code treaty/instruments.yaml}: groups, instruments, their rules and articles. Descriptive
 * fields (notes, chapters, sources of each article) stay in the file for reviewers; the engine reads the
 * fields listed in docs/treaty.md. Every problem is collected; the node refuses to start on any, since a
 * rule that cites an article the catalogue lacks must never run.
 */
public final class CatalogueFile {

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();

    private CatalogueFile() {}

    public static Catalogue read(String yaml) {
        var file = new CatalogueFile();
        var root = new YAMLMapper().readTree(yaml);
        var catalogue = file.parse(root);
        if (!file.problems.isEmpty()) {
            throw new IllegalStateException("the treaty catalogue has " + file.problems.size() + " problem(s): "
                    + String.join("; ", file.problems));
        }
        return catalogue;
    }

    private Catalogue parse(JsonNode root) {
        for (var entry : root.path("groups").properties()) {
            var members = entry.getValue().path("members");
            Optional<Set<CountryCode>> codes = Optional.empty();
            if (members.isArray()) {
                var set = new HashSet<CountryCode>();
                members.values().forEach(m -> set.add(CountryCode.of(m.asString())));
                codes = Optional.of(set);
            } else if (!members.asString("").equals("unknown")) {
                problems.add("group " + entry.getKey() + ": members must be a list or 'unknown'");
            }
            groups.put(
                    entry.getKey(),
                    new Group(entry.getKey(), entry.getValue().path("name").asString(entry.getKey()), codes));
        }
        var instruments = new ArrayList<InstrumentDefinition>();
        for (JsonNode node : root.path("instruments").values()) {
            var id = node.path("id").asString("");
            try {
                instruments.add(instrument(id, node));
            } catch (RuntimeException e) {
                problems.add(id + ": " + e.getMessage());
            }
        }
        return new Catalogue(instruments);
    }

    private InstrumentDefinition instrument(String id, JsonNode node) {
        var kind = InstrumentKind.fromCode(node.path("kind").asString(""))
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown kind " + node.path("kind").asString("")));
        var articles = articles(id, node.path("articles"));
        Optional<ThresholdRule> threshold = Optional.empty();
        Optional<DenunciationRule> denunciation = Optional.empty();
        if (kind.joinedByConsent()) {
            threshold = Optional.of(threshold(id, articles, node.path("entry_into_force_rule")));
            var d = node.path("denunciation_rule");
            denunciation = Optional.of(
                    new DenunciationRule(timing(d.path("effective")), cites(id, articles, d.path("cites"))));
        }
        var recorded = date(node, "in_force_date").or(() -> date(node, "entry_into_force_date"));
        Optional<Group> appliesBetween = Optional.empty();
        if (node.has("applies_between_group")) {
            var group = groups.get(node.path("applies_between_group").asString());
            if (group == null) {
                throw new IllegalArgumentException(
                        "unknown group " + node.path("applies_between_group").asString());
            }
            appliesBetween = Optional.of(group);
        }
        var parties = new ArrayList<CountryCode>();
        node.path("parties").values().forEach(p -> parties.add(CountryCode.of(p.asString())));
        Optional<Group> researched = Optional.empty();
        if (node.has("actions_researched_group")) {
            var group = groups.get(node.path("actions_researched_group").asString());
            if (group == null) {
                throw new IllegalArgumentException(
                        "unknown group " + node.path("actions_researched_group").asString());
            }
            researched = Optional.of(group);
        }
        return new InstrumentDefinition(
                id,
                kind,
                required(node, "title"),
                required(node, "short_name"),
                Optional.ofNullable(node.path("parent").asString(null)),
                threshold,
                denunciation,
                recorded,
                date(node, "applies_from"),
                appliesBetween,
                parties,
                date(node, "terminated_on"),
                required(node, "source"),
                date(node, "as_of"),
                articles,
                researched);
    }

    private Map<String, Article> articles(String id, JsonNode list) {
        var articles = new LinkedHashMap<String, Article>();
        for (JsonNode a : list.values()) {
            var number = a.path("number").asString("");
            var certainty = certainty(a.path("certainty").asString(""));
            var official = a.has("title");
            var heading =
                    official ? a.path("title").asString() : a.path("subject").asString("");
            if (heading.isBlank()) {
                problems.add(id + " Art " + number + ": needs a title or a subject");
                continue;
            }
            var paragraphs = new LinkedHashMap<String, Article.Paragraph>();
            for (JsonNode p : a.path("paragraphs").values()) {
                var pid = p.path("paragraph").asString("");
                try {
                    // Validates the paragraph id's shape through the public value type.
                    new Citation(id, number, Optional.of(pid), Certainty.V, heading);
                } catch (IllegalArgumentException e) {
                    problems.add(id + " Art " + number + ": paragraph '" + pid + "' is not an id like 1, 1(c) or o");
                    continue;
                }
                var subject = p.has("subject")
                        ? p.path("subject").asString()
                        : p.path("text_verbatim").asString("");
                if (paragraphs.put(
                                pid,
                                new Article.Paragraph(
                                        pid,
                                        subject,
                                        certainty(p.path("certainty").asString("")),
                                        Optional.ofNullable(
                                                p.path("text_verbatim").asString(null))))
                        != null) {
                    problems.add(id + " Art " + number + ": paragraph " + pid + " listed twice");
                }
            }
            if (articles.put(number, new Article(number, heading, official, certainty, paragraphs)) != null) {
                problems.add(id + ": article " + number + " listed twice");
            }
        }
        return articles;
    }

    private ThresholdRule threshold(String id, Map<String, Article> articles, JsonNode rule) {
        if (rule.isMissingNode()) {
            throw new IllegalArgumentException("entry_into_force_rule is required for this kind");
        }
        var types = new HashSet<ActionType>();
        for (JsonNode t : rule.path("instrument_types").values()) {
            types.add(ActionType.fromCode(t.asString())
                    .orElseThrow(() -> new IllegalArgumentException("unknown instrument type " + t.asString())));
        }
        Optional<ThresholdRule.GroupMinimum> minimum = Optional.empty();
        if (rule.has("minimum_from_group")) {
            var m = rule.path("minimum_from_group");
            var group = groups.get(m.path("group").asString(""));
            if (group == null) {
                throw new IllegalArgumentException(
                        "unknown group " + m.path("group").asString(""));
            }
            minimum = Optional.of(
                    new ThresholdRule.GroupMinimum(group, m.path("count").asInt()));
        }
        var later = rule.path("later_party");
        return new ThresholdRule(
                rule.path("instruments_required").asInt(0),
                types,
                rule.path("reio_counts_in_addition").asBoolean(true),
                minimum,
                timing(rule.path("effective")),
                cites(id, articles, rule.path("cites")),
                new ThresholdRule.LaterPartyRule(
                        timing(later.path("effective")),
                        later.path("not_before_entry_into_force").asBoolean(true),
                        cites(id, articles, later.path("cites"))));
    }

    /** {@code {after: P90D, on: that-day}}, or {@code unknown} (or absent): not known from the sources. */
    private static Optional<Timing> timing(JsonNode node) {
        if (node.isMissingNode() || node.asString("").equals("unknown")) {
            return Optional.empty();
        }
        return Optional.of(new Timing(
                Period.parse(node.path("after").asString("")),
                EffectiveDayCodes.of(node.path("on").asString(""))));
    }

    private List<Citation> cites(String id, Map<String, Article> articles, JsonNode list) {
        var cites = new ArrayList<Citation>();
        for (JsonNode ref : list.values()) {
            try {
                cites.add(Catalogue.citeReference(id, articles, ref.asString()));
            } catch (RuntimeException e) {
                problems.add(id + ": rule cites " + ref.asString() + ", which the catalogue does not list");
            }
        }
        return cites;
    }

    private static Certainty certainty(String value) {
        return Certainty.valueOf(value);
    }

    private static Optional<LocalDate> date(JsonNode node, String field) {
        var value = node.path(field).asString("unknown");
        if (value.equals("unknown")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD or 'unknown'");
        }
    }

    private static String required(JsonNode node, String field) {
        var value = node.path(field).asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** The landing-day codes of the data file. */
    static final class EffectiveDayCodes {
        private EffectiveDayCodes() {}

        static EffectiveDay of(String code) {
            return switch (code) {
                case "that-day" -> new EffectiveDay.ThatDay();
                case "first-day-of-following-month" -> new EffectiveDay.FirstDayOfFollowingMonth();
                default -> throw new IllegalArgumentException("unknown landing day '" + code + "'");
            };
        }
    }
}
