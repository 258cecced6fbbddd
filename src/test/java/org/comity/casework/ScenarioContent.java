package org.comity.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scenario of the safeguards corpus ({@code org.comity.safeguards.Scenarios}) as casework holds it:
 * its input written as request content, so that the same request can be assessed through the
 * safeguards API and through casework registration. Every field of the input is either mapped or named
 * by {@link #inexpressible}: a field added to the input and not mapped here fails the test instead of
 * being dropped in silence.
 */
final class ScenarioContent {

    /** Input fields mapped into content (or the path they take: direction, measure, reviewer). */
    private static final Set<String> MAPPED = Set.of(
            "requestId",
            "version",
            "direction",
            "measure",
            "requesting",
            "requested",
            "requestDate",
            "legalBasis",
            "offences",
            "subjects",
            "data",
            "emergency",
            "conditions",
            "compelled",
            "deathPenaltyAssurances",
            "priorProceedings",
            "use",
            "matters",
            "reviewer",
            "history");

    private static final Set<String> OFFENCE =
            Set.of("provision", "conduct", "maximumPenaltyMonths", "withoutRightBasis");
    private static final Set<String> SUBJECT = Set.of(
            "role",
            "identified",
            "nationality",
            "protectedRoles",
            "characteristics",
            "identifiers",
            "authorisedTesting");

    private ScenarioContent() {}

    /**
     * What of the input casework content cannot say, as "field: why", or nothing when all of it can.
     *
     * @param day the day casework assesses on: an incoming request's day of arrival, an outgoing one's
     *     day of sending
     */
    static List<String> inexpressible(ObjectNode input, String day) {
        var gaps = new ArrayList<String>();
        for (var p : input.properties()) {
            var value = p.getValue();
            if (!MAPPED.contains(p.getKey()) && !empty(value)) {
                gaps.add(p.getKey() + ": not part of request content");
            }
        }
        var history = input.path("history").values().stream().toList();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).path("refusedOnPersecutionGrounds").asBoolean()) {
                gaps.add("history[" + i + "].refusedOnPersecutionGrounds: casework knows a refusal only from"
                        + " a final decision it took, not from a listed earlier request");
            }
        }
        if (!input.path("requestDate").asString().equals(day)) {
            gaps.add("requestDate: casework assesses on the day of arrival or sending (" + day + ")");
        }
        var offences = input.path("offences").values().stream().toList();
        for (int i = 0; i < offences.size(); i++) {
            for (var p : offences.get(i).properties()) {
                if (!OFFENCE.contains(p.getKey()) && !empty(p.getValue())) {
                    gaps.add("offences[" + i + "]." + p.getKey()
                            + ": the request's own characterisation; casework reads it from the requesting"
                            + " State's profile or the requested State's reviewer");
                }
            }
        }
        var subjects = input.path("subjects").values().stream().toList();
        for (int i = 0; i < subjects.size(); i++) {
            var s = subjects.get(i);
            for (var p : s.properties()) {
                if (!SUBJECT.contains(p.getKey()) && !empty(p.getValue())) {
                    gaps.add("subjects[" + i + "]." + p.getKey() + ": not part of a subject's content");
                }
            }
            if (!s.path("identified").asBoolean() && !empty(s.path("identifiers"))) {
                gaps.add("subjects[" + i + "].identified: casework counts a subject with an identifier as identified");
            }
        }
        return gaps;
    }

    /** The request as {@code POST /api/requests} (outgoing) or {@code /incoming} reads it. */
    static String body(ObjectNode input) {
        return "{\"kind\": \"%s\", \"content\": %s}"
                .formatted(input.path("measure").asString(), content(input));
    }

    /**
     * An earlier request the scenario lists in {@code history}, as casework would have registered it
     * on the day it arrived: the same States as the entry, the scenario's kind and offences, one subject
     * per identifier the entry names.
     */
    static String earlier(ObjectNode input, JsonNode entry) {
        var earlier = input.deepCopy();
        earlier.remove(List.of("history", "reviewer", "emergency", "priorProceedings"));
        earlier.put("requesting", entry.path("requesting").asString());
        earlier.put("requested", entry.path("requested").asString());
        var subjects = earlier.putArray("subjects");
        for (JsonNode id : entry.path("subjectIdentifiers").values()) {
            subjects.addObject()
                    .put("role", "SUSPECT")
                    .put("identified", true)
                    .putArray("identifiers")
                    .add(id);
        }
        return "{\"kind\": \"%s\", \"receivedAt\": \"%sT09:00:00Z\", \"content\": %s}"
                .formatted(input.path("measure").asString(), entry.path("date").asString(), content(earlier));
    }

    static boolean outgoing(ObjectNode input) {
        return input.path("direction").asString().equals("OUTGOING");
    }

    /** Findings as "SEVERITY rule | source | explanation", in the order the engine gives them. */
    static List<String> findings(JsonNode findings) {
        var all = new ArrayList<String>();
        for (JsonNode f : findings.values()) {
            all.add(f.path("severity").asString() + " " + f.path("rule").asString() + " | " + f.path("source") + " | "
                    + f.path("explanation").asString());
        }
        return all;
    }

    /** The scenario's request as casework's content: the same States, offences, subjects, data and use. */
    static String content(ObjectNode input) {
        var content = CaseworkApiTest.JSON.createObjectNode();
        var requesting = input.path("requesting").asString();
        var requested = input.path("requested").asString();
        content.putObject("requestingAuthority")
                .put("name", "Central Authority of " + requesting)
                .put("state", requesting);
        content.putObject("requestedAuthority")
                .put("name", "Central Authority of " + requested)
                .put("state", requested);
        copy(input, "legalBasis", content, "legalBasis");
        var offences = content.putArray("offences");
        for (JsonNode o : input.path("offences").values()) {
            var offence = offences.addObject();
            copy(o, "provision", offence, "domesticProvision");
            copy(o, "conduct", offence, "conductCategories");
            copy(o, "maximumPenaltyMonths", offence, "maximumPenaltyMonths");
            copy(o, "withoutRightBasis", offence, "withoutRightBasis");
        }
        content.put("summaryOfFacts", "As the scenario describes.");
        var subjects = content.putArray("subjects");
        for (JsonNode s : input.path("subjects").values()) {
            var subject = subjects.addObject();
            copy(s, "role", subject, "role");
            copy(s, "nationality", subject, "nationality");
            copy(s, "protectedRoles", subject, "protectedRoles");
            copy(s, "characteristics", subject, "characteristics");
            copy(s, "authorisedTesting", subject, "authorisedTesting");
            var ids = subject.putArray("identifiers");
            for (JsonNode i : s.path("identifiers").values()) {
                var text = i.asString();
                var type = text.substring(0, text.indexOf(':')).toUpperCase(Locale.ROOT);
                ids.addObject()
                        .put("type", type.equals("IP") ? "IP_ADDRESS" : type)
                        .put("value", text.substring(text.indexOf(':') + 1));
            }
            if (s.path("identified").asBoolean() && ids.isEmpty()) {
                // Identified by name alone: casework counts a named person as identified.
                subject.put("name", "A named person");
            }
        }
        var data = input.path("data");
        if (!empty(data)) {
            var sought = content.putObject("dataSought");
            copy(data, "categories", sought, "categories");
            copy(data, "from", sought, "from");
            copy(data, "to", sought, "to");
            copy(data, "allData", sought, "allData");
            copy(data, "unidentifiedAccounts", sought, "unidentifiedAccounts");
            sought.put("provider", "Example Mail");
        }
        content.put("purpose", "Prosecution");
        var emergency = input.path("emergency");
        if (emergency.path("declared").asBoolean()
                || emergency.path("imminentRiskStated").asBoolean()) {
            var urgency = content.putObject("urgency")
                    .put("level", emergency.path("declared").asBoolean() ? "EMERGENCY" : "NORMAL");
            if (emergency.path("imminentRiskStated").asBoolean()) {
                urgency.put("imminentRisk", "A threat to the life of a named person, as the request describes.");
            }
        }
        var conditions = input.path("conditions");
        if (!empty(conditions)) {
            var safeguards = content.putObject("safeguards");
            text(conditions, "authorisingBody", safeguards, "The investigating judge");
            safeguards.put(
                    "judicialOrIndependent",
                    conditions.path("judicialOrIndependent").asBoolean());
            text(conditions, "legalGrounds", safeguards, "Code of Criminal Procedure, as the order cites it");
            text(conditions, "proportionality", safeguards, "No less intrusive measure would establish the facts");
            copy(conditions, "durationDays", safeguards, "durationDays");
        }
        copy(input, "compelled", content, "compelled");
        content.put(
                "deathPenaltyAssurances", input.path("deathPenaltyAssurances").asBoolean(false));
        var proceedings = content.putArray("priorProceedings");
        for (JsonNode p : input.path("priorProceedings").values()) {
            var proceeding = proceedings.addObject();
            copy(p, "state", proceeding, "state");
            copy(p, "subject", proceeding, "subject");
            copy(p, "conduct", proceeding, "conduct");
            copy(p, "outcome", proceeding, "outcome");
        }
        var use = input.path("use");
        if (!empty(use)) {
            var given = content.putObject("conditions");
            given.put("speciality", use.path("speciality").asBoolean());
            given.put(
                    "onwardTransferNeedsConsent",
                    use.path("onwardTransferNeedsConsent").asBoolean());
            copy(use, "onwardTransferTo", given, "onwardTransferTo");
        }
        copy(input, "matters", content, "matters");
        return content.toString();
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        var value = from.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            to.set(as, value.deepCopy());
        }
    }

    /** A condition the scenario states as present, written as the text a request would give. */
    private static void text(JsonNode from, String field, ObjectNode to, String text) {
        if (from.path(field).asBoolean()) {
            to.put(field, text);
        }
    }

    private static boolean empty(JsonNode value) {
        return value.isMissingNode()
                || value.isNull()
                || (value.isContainer() && value.isEmpty())
                || (value.isBoolean() && !value.asBoolean());
    }
}
