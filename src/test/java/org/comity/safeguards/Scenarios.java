package org.comity.safeguards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.comity.treaty.Answer;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reservation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The scenario corpus in {@code src/test/resources/safeguards/scenarios}: input, treaty answer, expected findings. */
public final class Scenarios {

    /**
     * @param source whose rule it is, when the scenario says ({@code treaty UNCC}, {@code
     *     requested-state-law xb-central-authority v2}, {@code human-rights-law ICCPR}); null otherwise
     */
    public record Expected(String severity, String rule, String source) {
        @Override
        public String toString() {
            return severity + " " + rule;
        }
    }

    public record Scenario(
            String file, String name, AssessmentInput input, LegalBasis legalBasis, List<Expected> expected) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Scenarios() {}

    public static List<Scenario> all() {
        var dir = Path.of("src/test/resources/safeguards/scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            var list = new ArrayList<Scenario>();
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                list.add(read(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
            return list;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Scenario read(String file, String text) {
        var root = YAML.readTree(text);
        var input = (ObjectNode) root.path("input");
        input.put(
                "requestId",
                UUID.nameUUIDFromBytes(file.getBytes(StandardCharsets.UTF_8)).toString());
        input.put("version", 1);
        var parsed = YAML.treeToValue(input, AssessmentInput.class);
        var treaty = root.path("treaty");
        var reservations = new ArrayList<Reservation>();
        for (JsonNode r : treaty.path("reservations").values()) {
            reservations.add(Kit.reservation(
                    treaty.path("instrument").asString(),
                    r.path("party").asString(),
                    r.path("article").asString(),
                    r.path("effect").asString(),
                    r.path("offences").values().stream().map(JsonNode::asString).toList()));
        }
        var basis = Kit.legalBasis(
                parsed,
                treaty.path("instrument").asString(),
                Answer.valueOf(treaty.path("answer").asString()),
                treaty.path("reason").isMissingNode()
                        ? null
                        : treaty.path("reason").asString(),
                reservations);
        var expected = new ArrayList<Expected>();
        for (JsonNode e : root.path("expect").values()) {
            expected.add(new Expected(
                    e.path("severity").asString(),
                    e.path("rule").asString(),
                    e.path("source").isMissingNode() ? null : e.path("source").asString()));
        }
        return new Scenario(file, root.path("name").asString(), parsed, basis, expected);
    }

    /** A scenario's input as the JSON body the safeguards API reads. */
    public static String json(String file) {
        try {
            var text =
                    Files.readString(Path.of("src/test/resources/safeguards/scenarios", file), StandardCharsets.UTF_8);
            return YAML.readTree(text).path("input").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A source as scenarios write it. */
    public static String source(FindingSource source) {
        return switch (source) {
            case FindingSource.Treaty t -> "treaty " + t.instrument();
            case FindingSource.RequestedStateLaw r ->
                "requested-state-law " + (r.pack() == null ? r.state() : r.pack() + " v" + r.version());
            case FindingSource.HumanRightsLaw h -> "human-rights-law " + h.instrument();
            case FindingSource.AdvisoryPractice a -> "advisory-practice";
            case FindingSource.Unattributed u -> "unattributed";
        };
    }
}
