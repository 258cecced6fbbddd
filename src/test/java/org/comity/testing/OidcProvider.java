package org.comity.testing;

import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server on a random loopback port
 * (issuer {@code http://localhost:PORT}), with one confidential client ({@link #CLIENT_ID}, scopes
 * {@code openid email}, redirect URI {@code http://127.0.0.1/login/oauth2/code/oidc} on any port, as
 * RFC 8252 allows for loopback addresses) and the given users, all with {@link #PASSWORD}. Each
 * user's ID token carries {@code email} = {@code USER@ministry.example}, verified unless the user is
 * named {@code unverified…}. Its own application context, apart from the node's.
 */
public final class OidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "comity-node";
    public static final String CLIENT_SECRET = "test client secret, not a real one";
    public static final String PASSWORD = "provider password";

    private final ConfigurableApplicationContext context;

    private OidcProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static OidcProvider start(String... users) {
        var prefix = "spring.security.oauth2.authorizationserver.client.comity.";
        var context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "server.port",
                        "0",
                        "server.address",
                        "127.0.0.1",
                        "spring.main.banner-mode",
                        "off",
                        "users",
                        String.join(",", users),
                        prefix + "registration.client-id",
                        CLIENT_ID,
                        prefix + "registration.client-secret",
                        "{noop}" + CLIENT_SECRET,
                        prefix + "registration.client-authentication-methods",
                        "client_secret_basic",
                        prefix + "registration.authorization-grant-types",
                        "authorization_code",
                        prefix + "registration.redirect-uris",
                        "http://127.0.0.1/login/oauth2/code/oidc",
                        prefix + "registration.scopes",
                        "openid,email"))
                .run();
        return new OidcProvider(context);
    }

    /** The issuer, as the node must be configured with it. */
    public String issuer() {
        return "http://localhost:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static String email(String user) {
        return user + "@ministry.example";
    }

    @Override
    public void close() {
        context.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
        org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
        org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
        org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet
                .OAuth2AuthorizationServerAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet
                .OAuth2AuthorizationServerJwtAutoConfiguration.class
    })
    static class Application {

        @Bean
        UserDetailsService users(org.springframework.core.env.Environment environment) {
            var names = List.of(environment.getRequiredProperty("users").split(","));
            return new InMemoryUserDetailsManager(names.stream()
                    .map(name -> User.withUsername(name)
                            .password("{noop}" + PASSWORD)
                            .roles("USER")
                            .build())
                    .toList());
        }

        /** The ID token names the user's e-mail address, as a directory-backed provider would. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
            return context -> {
                if ("id_token".equals(context.getTokenType().getValue())) {
                    var user = context.getPrincipal().getName();
                    context.getClaims().claim("email", email(user));
                    context.getClaims().claim("email_verified", !user.startsWith("unverified"));
                }
            };
        }
    }
}
