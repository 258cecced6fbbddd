package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed input against every JSON operation the node documents in its own OpenAPI document: for each
 * operation a plausible body and parameters are built from the schema, then broken one place at a time
 * (wrong types, nulls, huge numbers, fractions for integers, NUL, lone surrogates, very long text, unknown
 * enum values, deep nesting). Whatever is sent, the node answers with no 5xx, and every 422 — and every
 * 400 about a body or a parameter — names the field. Seeded: the seed is printed, and {@code
 * -Dcomity.fuzz.seed=<n>} replays a run.
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class ApiFuzzTest {

    private static final long SEED = Long.getLong("comity.fuzz.seed", 20261202L);

    /** Broken variants of each operation's body and of its parameters; a few hundred requests in all. */
    private static final int BODY_CASES = 3;

    private static final int PARAMETER_CASES = 2;

    private static final String MARK = "@@broken-here@@";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Operations that would end the fuzzer's own access or session: not what this test is about. */
    private static final Set<String> SKIPPED = Set.of("DELETE /api/me/tokens/{id}");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    private final Random random = new Random(SEED);

    private String token;

    private String requestId;

    private JsonNode api;

    @Test
    void malformedInputNeverBreaksTheNodeAndEveryRefusalNamesTheField() throws Exception {
        System.out.println("ApiFuzzTest seed " + SEED + " (replay with -Dcomity.fuzz.seed=" + SEED + ")");
        setUp();
        var failures = new ArrayList<String>();
        int sent = 0;
        var operations = operations();
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
        var slowest = new TreeMap<Long, String>();
        for (var operation : operations) {
            for (var attempt : attempts(operation)) {
                sent++;
                long start = System.nanoTime();
                check(attempt).ifPresent(failures::add);
                slowest.put(System.nanoTime() - start, operation + " " + attempt.broken());
                if (slowest.size() > 5) {
                    slowest.pollFirstEntry();
                }
            }
        }
        slowest.descendingMap()
                .forEach((nanos, what) ->
                        System.out.println("ApiFuzzTest slow: " + nanos / 1_000_000 + " ms " + show(what)));
        System.out.println("ApiFuzzTest sent " + sent + " requests to " + operations.size() + " operations");
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    /** An account with every role, signed in by token (no password hashing per request), and a request. */
    private void setUp() throws Exception {
        var username = "fuzz-all-roles";
        var password = "correct horse battery staple";
        accounts.register(new NewAccount(username, "Fuzzer", Set.of(Role.values()), password), "test");
        var issued = mvc.perform(post("/api/me/tokens")
                        .with(httpBasic(username, password))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"fuzz\",\"validDays\":1}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        token = JSON.readTree(issued).get("secret").asString();
        var draft = mvc.perform(post("/api/requests")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        requestId = JSON.readTree(draft).get("id").asString();
        api = JSON.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    }

    record Operation(HttpMethod method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One request to send, and what was broken in it. */
    record Attempt(Operation operation, String uri, Map<String, String> parameters, String body, String broken) {}

    /** Every operation whose body, if it has one, is JSON; in path order so that a seed replays. */
    private List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        var paths = new TreeMap<String, JsonNode>();
        api.get("paths").properties().forEach(e -> paths.put(e.getKey(), e.getValue()));
        paths.forEach((path, item) -> {
            for (var method : List.of("get", "post", "put", "patch", "delete")) {
                var spec = item.get(method);
                if (spec == null || SKIPPED.contains(method.toUpperCase() + " " + path)) {
                    continue;
                }
                var body = spec.path("requestBody").path("content");
                if (!body.isMissingNode() && !body.has("application/json")) {
                    continue; // YAML, CSV and file uploads have readers of their own
                }
                operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase()), path, spec));
            }
        });
        return operations;
    }

    private List<Attempt> attempts(Operation operation) {
        var attempts = new ArrayList<Attempt>();
        var parameters = operation.spec().path("parameters");
        var bodySchema = operation
                .spec()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        var validParameters = new TreeMap<String, String>();
        var pathParameters = new TreeMap<String, JsonNode>();
        for (var parameter : parameters) {
            var schema = resolve(parameter.path("schema"));
            var name = parameter.get("name").asString();
            if ("path".equals(parameter.path("in").asString())) {
                pathParameters.put(name, schema);
            } else if ("query".equals(parameter.path("in").asString())) {
                validParameters.put(name, text(plausible(name, schema, 0)));
            }
        }
        Function<Map<String, String>, String> uri = values -> {
            var expanded = operation.path();
            for (var p : pathParameters.entrySet()) {
                var value = values.getOrDefault(p.getKey(), text(plausible(p.getKey(), p.getValue(), 0)));
                expanded = expanded.replace(
                        "{" + p.getKey() + "}",
                        UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8));
            }
            return expanded;
        };
        String validBody =
                bodySchema.isMissingNode() ? null : JSON.writeValueAsString(plausible("body", bodySchema, 0));
        attempts.add(new Attempt(operation, uri.apply(Map.of()), validParameters, validBody, "nothing"));
        if (validBody != null) {
            // Always: the JSON literal null as the whole body (once a 500 on the assessment API).
            attempts.add(new Attempt(operation, uri.apply(Map.of()), validParameters, "null", "body=null"));
            for (int i = 0; i < BODY_CASES; i++) {
                var tree = JSON.readTree(validBody);
                var broken = breakOnePlace(tree);
                attempts.add(new Attempt(operation, uri.apply(Map.of()), validParameters, broken[1], broken[0]));
            }
        }
        var names = new ArrayList<String>(validParameters.keySet());
        names.addAll(pathParameters.keySet());
        for (int i = 0; i < PARAMETER_CASES && !names.isEmpty(); i++) {
            var name = names.get(random.nextInt(names.size()));
            var bad = badParameter();
            if (pathParameters.containsKey(name)) {
                attempts.add(new Attempt(
                        operation,
                        uri.apply(Map.of(name, bad)),
                        validParameters,
                        validBody,
                        "path " + name + "=" + show(bad)));
            } else {
                var broken = new TreeMap<>(validParameters);
                broken.put(name, bad);
                attempts.add(new Attempt(
                        operation, uri.apply(Map.of()), broken, validBody, "query " + name + "=" + show(bad)));
            }
        }
        return attempts;
    }

    /** Sends one attempt; a description of what went wrong, if anything did. */
    private java.util.Optional<String> check(Attempt attempt) throws Exception {
        MockHttpServletRequestBuilder request = request(attempt.operation().method(), URI.create(attempt.uri()))
                .header("Authorization", "Bearer " + token);
        attempt.parameters().forEach(request::param);
        if (attempt.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(attempt.body());
        }
        var response = mvc.perform(request).andReturn().getResponse();
        int status = response.getStatus();
        var where = attempt.operation() + " (" + attempt.uri() + ") broken: " + attempt.broken() + " -> " + status;
        if (status >= 500) {
            return java.util.Optional.of(where + " " + abbreviate(response.getContentAsString()));
        }
        if (status == 422 || status == 400) {
            var problem = JSON.readTree(response.getContentAsString());
            var type = problem.path("type").asString();
            boolean mustName = status == 422
                    || type.equals("/problems/malformed-body")
                    || type.equals("/problems/invalid-parameter");
            if (mustName && !namesEveryField(problem)) {
                return java.util.Optional.of(where + " names no field: " + abbreviate(response.getContentAsString()));
            }
            // Broken inside the body, the answer must say where: "body" alone names nothing.
            // Except for the parser's nesting and size limits: they bound the whole document, which
            // is refused before any field is read.
            if (mustName
                    && !attempt.broken().matches("(/?body)=.*")
                    && namesOnlyTheBody(problem)
                    && !response.getContentAsString().contains("\"rule\":\"json-limits\"")) {
                return java.util.Optional.of(
                        where + " names the body, not the field: " + abbreviate(response.getContentAsString()));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean namesOnlyTheBody(JsonNode problem) {
        for (var error : problem.path("errors")) {
            if (!"body".equals(error.path("field").asString(""))) {
                return false;
            }
        }
        return true;
    }

    private static boolean namesEveryField(JsonNode problem) {
        var errors = problem.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return false;
        }
        for (var error : errors) {
            if (error.path("field").asString("").isBlank()
                    || error.path("rule").asString("").isBlank()) {
                return false;
            }
        }
        return true;
    }

    // --- building plausible values from the schema ---------------------------------------------------

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            var name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            schema = api.path("components").path("schemas").path(name);
        }
        for (var composite : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(composite) && !schema.get(composite).isEmpty()) {
                return resolve(schema.get(composite).get(0));
            }
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        var type = schema.path("type");
        if (type.isArray()) {
            for (var t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    /** A value that fits the schema, with codes that exist (fictional States, a request that exists). */
    private JsonNode plausible(String name, JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            var values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        return switch (type(schema)) {
            case "object" -> {
                var object = NODES.objectNode();
                if (depth < 5) {
                    schema.path("properties")
                            .properties()
                            .forEach(p -> object.set(p.getKey(), plausible(p.getKey(), p.getValue(), depth + 1)));
                }
                yield object;
            }
            case "array" -> {
                var array = NODES.arrayNode();
                if (depth < 5) {
                    array.add(plausible(name, schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default ->
                NODES.stringNode(plausibleText(name, schema.path("format").asString("")));
        };
    }

    private String plausibleText(String name, String format) {
        return switch (format) {
            case "uuid" -> requestId;
            case "date" -> "2027-03-01";
            case "date-time" -> "2027-03-01T00:00:00Z";
            default ->
                switch (name) {
                    case "state", "requesting", "counterpart", "party", "a", "nationality" -> "XA";
                    case "requested", "b" -> "XB";
                    case "instrument", "legalBasis", "id" -> "UNCC";
                    case "period" -> "month";
                    default -> "fuzz text";
                };
        };
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    // --- breaking things -----------------------------------------------------------------------------

    /** Replaces one randomly chosen value of the tree (the root included); [what was broken, the JSON]. */
    private String[] breakOnePlace(JsonNode tree) {
        var places = new ArrayList<String>();
        collect(tree, "", places);
        var place = places.get(random.nextInt(places.size()));
        var bad = badValue();
        if (place.isEmpty()) {
            return new String[] {"body=" + bad[0], bad[1]};
        }
        // Spliced in as text: this test's own reader would refuse the deeply nested value.
        replace(tree, place, NODES.stringNode(MARK));
        return new String[] {place + "=" + bad[0], JSON.writeValueAsString(tree).replace("\"" + MARK + "\"", bad[1])};
    }

    private static void collect(JsonNode node, String pointer, List<String> places) {
        places.add(pointer);
        if (node instanceof ObjectNode object) {
            object.properties().forEach(p -> collect(p.getValue(), pointer + "/" + p.getKey(), places));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), pointer + "/" + i, places);
            }
        }
    }

    private static void replace(JsonNode tree, String pointer, JsonNode value) {
        int last = pointer.lastIndexOf('/');
        var parent = tree.at(pointer.substring(0, last));
        var key = pointer.substring(last + 1);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
        }
    }

    /** [a short description, the JSON text of a bad value]. */
    private String[] badValue() {
        return switch (random.nextInt(14)) {
            case 0 -> new String[] {"null", "null"};
            case 1 -> new String[] {"string", "\"not the right type\""};
            case 2 -> new String[] {"object", "{\"unexpected\": 1}"};
            case 3 -> new String[] {"array", "[1, \"two\", null]"};
            case 4 -> new String[] {"true", "true"};
            case 5 -> new String[] {"1e400", "1e400"};
            case 6 -> new String[] {"huge integer", "99999999999999999999999999"};
            case 7 -> new String[] {"-2^63-1", "-9223372036854775809"};
            case 8 -> new String[] {"1.5", "1.5"};
            case 9 -> new String[] {"NUL", "\"a\\u0000b\""};
            case 10 -> new String[] {"lone surrogate", "\"a\\ud800b\""};
            case 11 -> new String[] {"100k characters", "\"" + "x".repeat(100_000) + "\""};
            case 12 -> new String[] {"unknown enum value", "\"NOT_A_VALUE\""};
            default -> new String[] {"2000 nested arrays", "[".repeat(2000) + "]".repeat(2000)};
        };
    }

    private String badParameter() {
        return switch (random.nextInt(9)) {
            case 0 -> "a\u0000b";
            case 1 -> "a\ud800b";
            case 2 -> "99999999999999999999999999";
            case 3 -> "1.5";
            case 4 -> "NOT_A_VALUE";
            case 5 -> "x".repeat(10_000);
            case 6 -> "";
            case 7 -> "-1";
            default -> "<script>";
        };
    }

    private static String show(String value) {
        var shown = value.replace("\u0000", "\\u0000").replace("\ud800", "\\ud800");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + shown.length() + ")" : shown;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
