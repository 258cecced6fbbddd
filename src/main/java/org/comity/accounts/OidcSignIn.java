package org.comity.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.comity.accounts.persistence.JdbcAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Console sign-in through an OpenID Connect provider (authorization-code flow, Spring Security's
 * OAuth2 login), on when {@code comity.accounts.oidc.enabled} is true. The provider only says who
 * the person is; {@link OidcAccounts} lets them in as the enabled local account an administrator
 * linked to that identity, with that account's roles and unit. The web security configuration
 * installs it with {@link #configure}.
 */
@Component
@ConditionalOnBooleanProperty("comity.accounts.oidc.enabled")
public final class OidcSignIn {

    /** The registration id, which appears in the two paths Spring Security serves. */
    static final String REGISTRATION = "oidc";

    /** Where the sign-in page's button goes: Spring Security redirects from there to the provider. */
    public static final String START = "/oauth2/authorization/" + REGISTRATION;

    /** What the sign-in page may say after a refused or failed attempt ({@code /login?oidc=…}). */
    public static final java.util.List<String> OUTCOMES =
            java.util.List.of("unknown", "disabled", "unverified", "failed", "unreachable");

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final OidcProperties properties;
    private final OidcAccounts accounts;
    private final ProviderRegistration registrations;

    OidcSignIn(OidcProperties properties, JdbcAccounts store) {
        var problems = properties.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("OIDC sign-in is enabled but misconfigured: " + problems);
        }
        this.properties = properties;
        this.accounts = new OidcAccounts(store, properties);
        this.registrations = new ProviderRegistration(properties, secret(properties));
    }

    /** The provider's name for the button ("Sign in with …"). */
    public String displayName() {
        return properties.displayName();
    }

    /** Whether the console sign-in page still offers the password form. */
    public boolean passwordFormOffered() {
        return !properties.only();
    }

    public void configure(OAuth2LoginConfigurer<HttpSecurity> login) {
        login.loginPage("/login")
                .clientRegistrationRepository(registrations)
                // Tokens live in the session and go with it; the default keeps them in memory for ever.
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(accounts))
                .defaultSuccessUrl("/console", false)
                .failureHandler(OidcSignIn::failed)
                // Without a registration (the provider's discovery failed) Spring Security would answer
                // the sign-in button with a bare 500; say instead that the provider cannot be reached.
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(OidcSignIn::notStarted);
                        return filter;
                    }
                });
    }

    /**
     * Signing out of the console also ends the session at the provider when it advertises an
     * {@code end_session_endpoint} (RP-initiated logout, with the ID token as hint), which then sends
     * the browser back to the sign-in page; password sessions, or a provider without one, go straight
     * to the sign-in page.
     */
    public LogoutSuccessHandler logoutSuccess() {
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        handler.setDefaultTargetUrl("/login?logout");
        return handler;
    }

    /** The sign-in could not even start: the provider's registration is unknown (it is unreachable). */
    private static void notStarted(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // One line, no stack trace: the cause was logged once by the discovery that failed.
        log.warn("OIDC sign-in could not start: the provider's configuration is unavailable");
        response.sendRedirect(request.getContextPath() + "/login?oidc=unreachable");
    }

    /** Back to the sign-in page with a closed-vocabulary reason; never the provider's own words. */
    private static void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        var outcome = e instanceof OAuth2AuthenticationException refusal
                ? OidcAccounts.OUTCOMES.getOrDefault(refusal.getError().getErrorCode(), "failed")
                : "failed";
        if (outcome.equals("failed")) {
            var code =
                    e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : null;
            log.warn(
                    "OIDC sign-in failed: {}",
                    code != null && code.matches("[a-z_]{1,40}")
                            ? code
                            : e.getClass().getSimpleName());
        }
        response.sendRedirect(request.getContextPath() + "/login?oidc=" + outcome);
    }

    private static String secret(OidcProperties properties) {
        if (properties.clientSecretFile() == null) {
            return properties.clientSecret();
        }
        try {
            return Files.readString(properties.clientSecretFile()).strip();
        } catch (IOException e) {
            // The path is configuration, not a secret; the content never appears.
            throw new UncheckedIOException(
                    "cannot read comity.accounts.oidc.client-secret-file " + properties.clientSecretFile(), e);
        }
    }

    /**
     * The provider's registration, read from its discovery document on first use rather than at
     * start, so a node starts (and password sign-in works) while the provider is unreachable; a
     * failed discovery is tried again on the next sign-in.
     */
    static final class ProviderRegistration implements ClientRegistrationRepository {

        private final OidcProperties properties;
        private final String secret;
        private volatile @Nullable ClientRegistration registration;

        ProviderRegistration(OidcProperties properties, String secret) {
            this.properties = properties;
            this.secret = secret;
        }

        @Override
        public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION.equals(registrationId)) {
                return null;
            }
            var known = registration;
            if (known == null) {
                synchronized (this) {
                    known = registration;
                    if (known == null) {
                        known = discover();
                        registration = known;
                    }
                }
            }
            return known;
        }

        private @Nullable ClientRegistration discover() {
            try {
                return ClientRegistrations.fromIssuerLocation(
                                properties.issuerUri().toString())
                        .registrationId(REGISTRATION)
                        .clientId(properties.clientId())
                        .clientSecret(secret)
                        .scope("openid", "email")
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .clientName(properties.displayName())
                        .build();
            } catch (RuntimeException e) {
                log.warn("OIDC provider {} unreachable or invalid: {}", properties.issuerUri(), e.getMessage());
                return null;
            }
        }
    }
}
