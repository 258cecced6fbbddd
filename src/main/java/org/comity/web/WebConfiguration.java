package org.comity.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.comity.node.NodeIdentity;
import org.comity.web.problems.ProblemHtmlConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.ITemplateEngine;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebConfiguration {

    @Bean
    WebMvcConfigurer problemHtmlRendering(ITemplateEngine templates) {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                // Last, so that API clients accepting anything get JSON; only an explicit text/html wins.
                converters.add(new ProblemHtmlConverter(templates));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(CheckedInput.parameters());
            }
        };
    }

    /** No two types share a schema name in the OpenAPI document ({@link SchemaNames}). */
    @Bean
    io.swagger.v3.core.jackson.ModelResolver schemaNames(org.springdoc.core.providers.ObjectMapperProvider mappers) {
        return SchemaNames.resolver(mappers);
    }

    @Bean
    JsonMapperBuilderCustomizer checkedJsonInput() {
        return CheckedInput.json();
    }

    /** Error responses (problem+json with their types) and a summary on every API operation. */
    @Bean
    org.comity.web.problems.ApiErrorDocumentation apiErrorDocumentation() {
        return new org.comity.web.problems.ApiErrorDocumentation();
    }

    @Bean
    OpenAPI openApi(NodeIdentity node) {
        return new OpenAPI()
                .info(new Info()
                        .title("Comity node API")
                        .version(node.version())
                        .description("Requests, safeguards and the transparency log of " + node.name()
                                + ". Errors are RFC 9457 problem+json documents with a stable type.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("an API token from POST /api/me/tokens")))
                .security(List.of(
                        new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("basic")));
    }
}
