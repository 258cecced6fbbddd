package org.comity.web.problems;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Every API operation documents the problems it can answer with: each error status with an {@code
 * application/problem+json} body and the problem types ({@code /problems/…}) behind it, worked out
 * from what the handler takes (a body can be malformed or break rules, a path names something that
 * may not exist, a change may conflict with the current state, a secured one needs a user with its
 * roles), and every operation has a summary.
 */
public final class ApiErrorDocumentation implements OperationCustomizer, OpenApiCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(sentence(handler.getMethod().getName()));
        }
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        var byStatus = new TreeMap<Integer, Set<ProblemType>>();
        for (ProblemType type : problems(handler)) {
            byStatus.computeIfAbsent(type.status().value(), s -> EnumSet.noneOf(ProblemType.class))
                    .add(type);
        }
        byStatus.forEach((status, types) -> {
            var key = Integer.toString(status);
            if (responses.containsKey(key)
                    && responses.get(key).getContent() != null
                    && responses.get(key).getContent().containsKey("application/problem+json")) {
                return;
            }
            responses.addApiResponse(
                    key,
                    new ApiResponse()
                            .description(types.stream()
                                    .map(t -> t.title() + " (" + t.uri() + ")")
                                    .collect(Collectors.joining("; ")))
                            .content(new Content()
                                    .addMediaType(
                                            "application/problem+json",
                                            new MediaType()
                                                    .schema(new Schema<>()
                                                            .$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
        });
        operation.setResponses(responses);
        return operation;
    }

    /** The RFC 9457 problem document every error response carries. */
    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI api) {
        var errors = new io.swagger.v3.oas.models.media.ArraySchema()
                .items(new ObjectSchema()
                        .addProperty("field", new StringSchema().description("the input, as a field path"))
                        .addProperty("rule", new StringSchema().description("the rule it breaks, a stable code"))
                        .addProperty("message", new StringSchema())
                        .addProperty(
                                "citation", new StringSchema().description("the article the rule rests on, if any")));
        var problem = new ObjectSchema()
                .description("RFC 9457 problem details; clients switch on type")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/invalid-input"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("rule", new StringSchema().description("the refused rule of a conflict, a stable code"))
                .addProperty("errors", errors.description("every problem with the input, at once"));
        if (api.getComponents() == null) {
            api.components(new io.swagger.v3.oas.models.Components());
        }
        api.getComponents().addSchemas(PROBLEM_SCHEMA, problem);
    }

    private static Set<ProblemType> problems(HandlerMethod handler) {
        var types = EnumSet.of(ProblemType.INTERNAL_ERROR, ProblemType.NOT_ACCEPTABLE);
        var method = handler.getMethod();
        boolean secured = AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
        if (secured) {
            types.add(ProblemType.UNAUTHENTICATED);
            types.add(ProblemType.FORBIDDEN);
        }
        boolean body = false;
        boolean inputs = false;
        boolean path = false;
        for (var parameter : handler.getMethodParameters()) {
            body |= parameter.hasParameterAnnotation(RequestBody.class);
            inputs |= parameter.hasParameterAnnotation(RequestParam.class)
                    || parameter.hasParameterAnnotation(RequestBody.class);
            path |= parameter.hasParameterAnnotation(PathVariable.class);
        }
        if (body) {
            types.add(ProblemType.MALFORMED_BODY);
            types.add(ProblemType.UNSUPPORTED_MEDIA_TYPE);
            types.add(ProblemType.PAYLOAD_TOO_LARGE);
        }
        if (inputs || path) {
            types.add(ProblemType.INVALID_PARAMETER);
            types.add(ProblemType.INVALID_INPUT);
        }
        if (path) {
            types.add(ProblemType.NOT_FOUND);
        }
        var mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        if (mapping != null
                && java.util.Arrays.stream(mapping.method())
                        .anyMatch(m -> m == RequestMethod.POST
                                || m == RequestMethod.PUT
                                || m == RequestMethod.DELETE
                                || m == RequestMethod.PATCH)) {
            types.add(ProblemType.CONFLICT);
        }
        return types;
    }

    /** {@code recordCounterpartReference} → "Record counterpart reference". */
    static String sentence(String methodName) {
        var words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
