package org.comity.web.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.accounts.OidcSignIn;
import org.comity.accounts.SignInDetails;
import org.comity.web.PublicEndpoints;
import org.comity.web.SignedSubmissions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The API ({@code /api/**}, {@code /actuator/**}) is stateless: HTTP Basic or a
 * bearer token on every call, no session, no CSRF token needed since no cookie authenticates. The
 * console and public site use form login (and, when configured, sign-in through an OpenID provider,
 * {@link OidcSignIn}) with a session and CSRF protection; a session ends as soon as
 * its account is disabled or its password reset ({@link EndedSessions}). Everything not listed as
 * public needs a signed-in user; roles are checked per endpoint with method security.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

    /** Paths anyone may read, on purpose. Keep this list short and explicit. */
    static final String[] PUBLIC_PAGES = {
        "/",
        "/login",
        "/error",
        "/problems",
        "/problems/*",
        "/css/**",
        "/images/**",
        "/webjars/**",
        "/favicon.ico",
        "/favicon.svg",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    static final String[] PUBLIC_ACTUATOR = {"/actuator/health", "/actuator/health/**", "/actuator/info"};

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    /**
     * No Micrometer observation around each security filter, authentication and authorisation: with
     * the Prometheus registry on, every API call opened a dozen observations and built their meters'
     * tags, a measured share of a plain authenticated read (docs/architecture.md, issue 18). Requests
     * are still observed once each ({@code http.server.requests}, with their status); nothing in the
     * node read the security meters. Authorisation itself is unchanged: only its observation goes.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            OpaqueTokenIntrospector tokens,
            ProblemResponses problems,
            List<PublicEndpoints> publicEndpoints,
            List<SignedSubmissions> signedSubmissions)
            throws Exception {
        var readable = readOnly(publicEndpoints);
        var selfAuthorised = posts(signedSubmissions);
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_ACTUATOR)
                        .permitAll()
                        .requestMatchers(readable)
                        .permitAll()
                        .requestMatchers(selfAuthorised)
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAnyRole("ADMIN", "AUDITOR")
                        .anyRequest()
                        .authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic ->
                        basic.authenticationEntryPoint(problems).authenticationDetailsSource(SignInDetails.api()))
                .oauth2ResourceServer(resource -> resource.opaqueToken(opaque -> opaque.introspector(tokens))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(SecurityConfiguration::hsts));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(
            HttpSecurity http,
            ProblemResponses problems,
            List<PublicEndpoints> publicEndpoints,
            Accounts accounts,
            ObjectProvider<OidcSignIn> oidc)
            throws Exception {
        var readable = readOnly(publicEndpoints);
        var provider = oidc.getIfAvailable();
        var browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .requestMatchers(readable)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterAfter(new EndedSessions(accounts), SecurityContextHolderFilter.class)
                .logout(logout -> {
                    if (provider == null) {
                        logout.logoutSuccessUrl("/login?logout");
                    } else {
                        logout.logoutSuccessHandler(provider.logoutSuccess());
                    }
                })
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers)
                        .defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // Console addresses name requests; other sites must not learn them from a link.
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(SecurityConfiguration::hsts));
        if (provider != null) {
            http.oauth2Login(provider::configure);
        }
        // With comity.accounts.oidc.only, the console takes no password at all (the API's HTTP Basic
        // still does, for scripts and for an administrator when the provider is down).
        if (provider == null || provider.passwordFormOffered()) {
            http.formLogin(form -> form.loginPage("/login")
                    .defaultSuccessUrl("/console", false)
                    .failureHandler(new SignInFailures())
                    .authenticationDetailsSource(SignInDetails.console())
                    .permitAll());
        }
        return http.build();
    }

    /**
     * HSTS on responses to HTTPS requests only (over plain HTTP the header would be meaningless and
     * would break a sandbox on localhost): a year, subdomains included.
     */
    private static void hsts(HeadersConfigurer<HttpSecurity>.HstsConfig hsts) {
        hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds()).includeSubDomains(true);
    }

    /** POST on exactly the literal paths whose handlers verify the signature the body carries. */
    private static RequestMatcher posts(List<SignedSubmissions> declared) {
        var matchers = new ArrayList<RequestMatcher>();
        for (SignedSubmissions submissions : declared) {
            for (String path : submissions.paths()) {
                matchers.add(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path));
            }
        }
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }

    /** GET and HEAD on the patterns modules declared public; never another method. */
    private static RequestMatcher readOnly(List<PublicEndpoints> declared) {
        var matchers = new ArrayList<RequestMatcher>();
        for (PublicEndpoints endpoints : declared) {
            for (String pattern : endpoints.patterns()) {
                matchers.add(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, pattern));
                matchers.add(PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, pattern));
            }
        }
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }
}
