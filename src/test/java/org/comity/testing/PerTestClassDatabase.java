package org.comity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Gives every {@link NodeTest} class its own database on the shared test PostgreSQL. The customizer is
 * equal only for the same test class, so Spring's context cache never shares a database between two
 * classes.
 */
public class PerTestClassDatabase implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(NodeTest.class)) {
            return null;
        }
        return new Customizer(testClass);
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration config) {
            try {
                var dataDir = Files.createTempDirectory("comity-test-data");
                context.getEnvironment()
                        .getPropertySources()
                        .addFirst(
                                new MapPropertySource(
                                        "per-test-class-database",
                                        Map.of(
                                                "spring.datasource.url",
                                                TestPostgres.newDatabase(),
                                                "spring.datasource.username",
                                                "postgres",
                                                "spring.datasource.hikari.maximum-pool-size",
                                                "4",
                                                // Tests depict abusive requests with fictional States only.
                                                "comity.jurisdiction.seed-fictional-profiles",
                                                "true",
                                                "comity.data-dir",
                                                dataDir.toString(),
                                                // The authorization server on the test classpath is for
                                                // OidcProvider only, never part of a node.
                                                "spring.autoconfigure.exclude",
                                                "org.springframework.boot.security.oauth2.server.authorization"
                                                        + ".autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
                                                        + "org.springframework.boot.security.oauth2.server.authorization"
                                                        + ".autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
