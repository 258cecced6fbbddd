package org.comity.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import java.util.Locale;

/**
 * Names the OpenAPI document's schemas so that no two types share one. springdoc names a schema by the
 * type's simple name and silently keeps one of two types that share it (the decision body showed the
 * treaty calculator's {@code DecisionForm}; {@code RequestContent.Authority}, {@code exchange.Authority}
 * and {@code jurisdiction.Authority} were one schema). The bodies and views of the API packages keep
 * their simple names, the API's own vocabulary ({@code ProposedDecision}, {@code RequestView}); any other
 * type of the project is named after its module and the types it is nested in
 * ({@code CaseworkRequestContentAuthority}, {@code JurisdictionAuthority}). {@code ApiSchemaNamesTest}
 * checks the result over {@code /v3/api-docs}.
 */
final class SchemaNames extends TypeNameResolver {

    /** The model resolver springdoc puts first, with these names. */
    static ModelResolver resolver(org.springdoc.core.providers.ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper(), new SchemaNames()).openapi31(mappers.isOpenapi31());
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
        var name = type.getName();
        if (!name.startsWith("org.comity.")) {
            return super.getNameOfClass(type);
        }
        var packages = type.getPackageName().split("\\.");
        if (java.util.Arrays.asList(packages).contains("api")) {
            return super.getNameOfClass(type);
        }
        var nested = name.substring(type.getPackageName().length() + 1).replace("$", "");
        var module = packages.length > 2 ? packages[2] : "";
        return module.isEmpty()
                ? nested
                : module.substring(0, 1).toUpperCase(Locale.ROOT) + module.substring(1) + nested;
    }
}
