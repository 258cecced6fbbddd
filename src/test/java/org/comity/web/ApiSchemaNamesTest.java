package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document names each schema after one type only (issue 13: the decision body once showed
 * the treaty calculator's {@code DecisionForm}, since springdoc names a schema by the type's simple name
 * and silently keeps one of two types that share it). Checked from the code: every type an API
 * operation reads or answers, and every type reachable from those, has a simple name no other such type
 * has; each operation's request body refers to the schema of its {@code @RequestBody} type; and each
 * record's schema lists that record's components, not another's.
 */
@NodeTest
class ApiSchemaNamesTest {

    static final SchemaNames NAMES = new SchemaNames();

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noTwoTypesShareASchemaNameAndEveryRefIsItsOwnType() throws Exception {
        var api = JsonMapper.builder()
                .build()
                .readTree(mvc.perform(get("/v3/api-docs"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        var schemas = api.at("/components/schemas");
        var reachable = new HashSet<Class<?>>();
        var bodies = new ArrayList<String>();
        int checkedBodies = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            var method = entry.getValue();
            var operations = operations(api, entry.getKey());
            if (operations.isEmpty()) {
                continue; // a console page: not in the API document
            }
            collect(method.getMethod().getGenericReturnType(), reachable);
            for (var parameter : method.getMethodParameters()) {
                if (!parameter.hasParameterAnnotation(RequestBody.class)) {
                    continue;
                }
                var type = parameter.getParameterType();
                collect(parameter.getGenericParameterType(), reachable);
                if (!ours(type)) {
                    continue;
                }
                for (var operation : operations) {
                    var ref = operation
                            .at("/requestBody/content")
                            .propertyStream()
                            .map(c -> c.getValue().at("/schema/$ref").asString(""))
                            .filter(r -> !r.isEmpty())
                            .findFirst()
                            .orElse("");
                    bodies.add(method.getShortLogMessage() + " -> " + ref);
                    assertThat(ref)
                            .as("request body of %s", method.getShortLogMessage())
                            .isEqualTo("#/components/schemas/" + NAMES.getNameOfClass(type));
                    checkedBodies++;
                }
            }
        }
        assertThat(checkedBodies).as("request bodies checked: %s", bodies).isGreaterThan(10);

        // Enums are written inline and value types as strings: only a name that is a schema can be shared.
        Map<String, Set<String>> byName = reachable.stream()
                .filter(c -> !c.isEnum() && schemas.has(NAMES.getNameOfClass(c)))
                .collect(Collectors.groupingBy(
                        NAMES::getNameOfClass,
                        TreeMap::new,
                        Collectors.mapping(Class::getName, Collectors.toCollection(TreeSet::new))));
        var shared =
                byName.entrySet().stream().filter(e -> e.getValue().size() > 1).toList();
        assertThat(shared).as("schema names shared by several types").isEmpty();

        int records = 0;
        for (var type : reachable) {
            var schema = schemas.path(NAMES.getNameOfClass(type));
            if (!type.isRecord() || schema.isMissingNode() || !schema.has("properties")) {
                continue;
            }
            // What Jackson writes of a record: its components, and its getters (isEmpty() is "empty").
            var components = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            for (var method : type.getMethods()) {
                var m = java.util.regex.Pattern.compile("(?:is|get)([A-Z].*)").matcher(method.getName());
                if (method.getParameterCount() == 0 && m.matches()) {
                    components.add(Character.toLowerCase(m.group(1).charAt(0))
                            + m.group(1).substring(1));
                }
            }
            var properties = schema.get("properties").propertyNames();
            assertThat(components)
                    .as("schema %s is %s", NAMES.getNameOfClass(type), type.getName())
                    .containsAll(properties);
            records++;
        }
        assertThat(records).isGreaterThan(10);
        assertThat(schemas.at("/ProposedDecision/properties").has("outcome")).isTrue();
        assertThat(schemas.has("CaseworkRequestContentAuthority")).isTrue();
        assertThat(schemas.has("JurisdictionAuthority")).isTrue();
    }

    /** The document's operations for a handler's paths and methods. */
    private static List<JsonNode> operations(JsonNode api, RequestMappingInfo info) {
        var found = new ArrayList<JsonNode>();
        for (var path : info.getPatternValues()) {
            var item = api.at("/paths").path(path);
            if (item.isMissingNode()) {
                continue;
            }
            for (var verb : info.getMethodsCondition().getMethods()) {
                var operation = item.path(verb.name().toLowerCase(java.util.Locale.ROOT));
                if (!operation.isMissingNode()) {
                    found.add(operation);
                }
            }
        }
        return found;
    }

    private static boolean ours(Class<?> type) {
        return type.getName().startsWith("org.comity.") && !type.isEnum();
    }

    /** The project's types a JSON body of {@code type} is made of: record components, type arguments, subtypes. */
    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            for (var argument : p.getActualTypeArguments()) {
                collect(argument, into);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c.isArray()) {
            collect(c.getComponentType(), into);
            return;
        }
        if (c == ResponseEntity.class || !c.getName().startsWith("org.comity.") || !into.add(c)) {
            return;
        }
        if (c.isRecord()) {
            for (var component : c.getRecordComponents()) {
                collect(component.getGenericType(), into);
            }
        }
        if (c.isSealed()) {
            for (var sub : c.getPermittedSubclasses()) {
                collect(sub, into);
            }
        }
    }
}
