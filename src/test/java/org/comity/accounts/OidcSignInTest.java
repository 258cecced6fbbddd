package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.comity.accounts.Totp.Algorithm;
import org.comity.shared.Conflict;
import org.comity.testing.MutableClock;
import org.comity.testing.OidcProvider;
import org.comity.testing.ServedNodeTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15 item 10: console sign-in through a real OpenID provider (Spring Authorization Server,
 * started here), over real HTTP, through the whole authorization-code flow: the browser is sent to the
 * provider, signs in on its form, comes back with a code, and the node exchanges it.
 */
@ServedNodeTest
class OidcSignInTest {

    static final String PASSWORD = "a long enough passphrase";

    static OidcProvider provider;

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        }
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        provider = OidcProvider.start("ada", "bob", "carol", "dora", "fran", "gus", "stranger", "unverified.eve");
        registry.add("comity.accounts.oidc.enabled", () -> "true");
        registry.add("comity.accounts.oidc.issuer-uri", provider::issuer);
        registry.add("comity.accounts.oidc.client-id", () -> OidcProvider.CLIENT_ID);
        registry.add("comity.accounts.oidc.client-secret", () -> OidcProvider.CLIENT_SECRET);
        registry.add("comity.accounts.oidc.display-name", () -> "Ministry Login");
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The node at 127.0.0.1, the provider at localhost: separate cookie jars' hosts, as in real life. */
    private String node(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void register(String username, Role role) {
        accounts.register(new NewAccount(username, "User " + username, Set.of(role), PASSWORD), "test");
    }

    private void link(String username, String providerUser) {
        accounts.linkIdentity(username, null, OidcProvider.email(providerUser), "test-admin");
    }

    /** One browser: its own cookies, redirects followed by hand so that each hop is visible. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        URI at;

        HttpResponse<String> get(String uri) throws Exception {
            return follow(send(HttpRequest.newBuilder(URI.create(uri)).GET()));
        }

        HttpResponse<String> post(String uri, Map<String, String> form) throws Exception {
            var body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return follow(send(HttpRequest.newBuilder(URI.create(uri))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            var response = http.send(
                    request.header("Accept", "text/html")
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            at = response.uri();
            return response;
        }

        private HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
            for (int hops = 0; response.statusCode() / 100 == 3; hops++) {
                assertThat(hops).as("redirects").isLessThan(10);
                var next = response.uri()
                        .resolve(response.headers().firstValue("Location").orElseThrow());
                response = send(HttpRequest.newBuilder(next).GET());
            }
            return response;
        }

        static String csrf(String page) {
            var matcher =
                    Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
            assertThat(matcher.find()).as("CSRF token in page").isTrue();
            return matcher.group(1);
        }
    }

    /**
     * Starts on the node's sign-in page, presses "Sign in with …", signs in at the provider and
     * returns the node's page the flow ends on.
     */
    private HttpResponse<String> signInThroughProvider(Browser browser, String providerUser) throws Exception {
        var login = browser.get(node("/login"));
        var button =
                Pattern.compile("href=\"([^\"]*/oauth2/authorization/oidc)\"").matcher(login.body());
        assertThat(button.find()).as("sign-in button").isTrue();
        var atProvider = browser.get(node(button.group(1)));
        if (browser.at.getHost().equals("127.0.0.1")) {
            return atProvider; // still signed in at the provider: it sent the browser straight back
        }
        assertThat(browser.at.getPath()).isEqualTo("/login");
        var back = browser.post(
                browser.at.toString(),
                Map.of(
                        "username",
                        providerUser,
                        "password",
                        OidcProvider.PASSWORD,
                        "_csrf",
                        Browser.csrf(atProvider.body())));
        assertThat(browser.at.getHost()).as("back at the node").isEqualTo("127.0.0.1");
        return back;
    }

    @Test
    void theSignInPageOffersTheProviderBesideThePasswordForm() throws Exception {
        var page = new Browser().get(node("/login"));
        assertThat(page.body()).contains("Sign in with Ministry Login").contains("name=\"password\"");
    }

    @Test
    void aLinkedAccountSignsInWithItsLocalRoles() throws Exception {
        register("oidc.admin", Role.ADMIN);
        register("oidc.clerk", Role.CASEWORKER);
        link("oidc.admin", "ada");
        link("oidc.clerk", "bob");

        var admin = new Browser();
        var console = signInThroughProvider(admin, "ada");
        assertThat(admin.at.getPath()).isEqualTo("/console");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("oidc.admin");
        assertThat(admin.get(node("/admin/accounts")).statusCode()).isEqualTo(200);

        // Same provider, another person: only what the local account may do.
        var clerk = new Browser();
        signInThroughProvider(clerk, "bob");
        assertThat(clerk.at.getPath()).isEqualTo("/console");
        assertThat(clerk.get(node("/admin/accounts")).statusCode()).isEqualTo(403);
        assertThat(clerk.get(node("/requests")).statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutOfAnOidcSessionEndsItAtTheProviderToo() throws Exception {
        register("oidc.leaving", Role.CASEWORKER);
        link("oidc.leaving", "gus");
        var browser = new Browser();
        var console = signInThroughProvider(browser, "gus");
        assertThat(browser.at.getPath()).isEqualTo("/console");
        var signOut = browser.send(HttpRequest.newBuilder(URI.create(node("/logout")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Browser.csrf(console.body()))));
        assertThat(signOut.statusCode()).isEqualTo(302);
        var location = URI.create(signOut.headers().firstValue("Location").orElseThrow());
        // The provider's end_session_endpoint, with the ID token as hint and the way back.
        assertThat(provider.issuer()).startsWith(location.getScheme() + "://" + location.getAuthority());
        assertThat(location.getPath()).isEqualTo("/connect/logout");
        assertThat(location.getQuery())
                .contains("id_token_hint=")
                .contains("post_logout_redirect_uri=http://127.0.0.1:" + port + "/login?logout");
        assertThat(browser.get(node("/console")).uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anUnknownIdentityIsRefusedAndNoAccountIsCreated() throws Exception {
        var before = accounts.list().size();
        var browser = new Browser();
        var page = signInThroughProvider(browser, "stranger");
        assertThat(browser.at.getPath()).isEqualTo("/login");
        assertThat(browser.at.getQuery()).isEqualTo("oidc=unknown");
        assertThat(page.body()).contains("not linked to an account on this node");
        assertThat(accounts.list()).hasSize(before);
        assertThat(browser.get(node("/console")).uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anUnverifiedEmailIdentifiesNobody() throws Exception {
        register("eve.local", Role.CASEWORKER);
        link("eve.local", "unverified.eve");
        var browser = new Browser();
        signInThroughProvider(browser, "unverified.eve");
        assertThat(browser.at.getQuery()).isEqualTo("oidc=unverified");
        assertThat(browser.get(node("/console")).uri().getPath()).isEqualTo("/login");
    }

    @Test
    void aDisabledAccountIsRefused() throws Exception {
        register("oidc.gone", Role.CASEWORKER);
        link("oidc.gone", "carol");
        accounts.setEnabled("oidc.gone", false, "test-admin");
        var browser = new Browser();
        var page = signInThroughProvider(browser, "carol");
        assertThat(browser.at.getQuery()).isEqualTo("oidc=disabled");
        assertThat(page.body()).contains("This account is disabled.");
        assertThat(browser.get(node("/console")).uri().getPath()).isEqualTo("/login");
    }

    @Test
    void disablingTheAccountEndsASessionOpenedThroughTheProvider() throws Exception {
        register("oidc.leaver", Role.CASEWORKER);
        link("oidc.leaver", "dora");
        var browser = new Browser();
        signInThroughProvider(browser, "dora");
        assertThat(browser.get(node("/console")).statusCode()).isEqualTo(200);
        assertThat(browser.at.getPath()).isEqualTo("/console");

        accounts.setEnabled("oidc.leaver", false, "test-admin");
        browser.get(node("/console"));
        assertThat(browser.at.getPath()).isEqualTo("/login");

        // Enabled again, the old session stays ended; a new sign-in works.
        accounts.setEnabled("oidc.leaver", true, "test-admin");
        browser.get(node("/console"));
        assertThat(browser.at.getPath()).isEqualTo("/login");
        signInThroughProvider(browser, "dora");
        assertThat(browser.at.getPath()).isEqualTo("/console");
    }

    @Test
    void anAccountWithASecondFactorStillShowsItsCodeAfterTheProvider() throws Exception {
        register("oidc.careful", Role.CASEWORKER);
        link("oidc.careful", "fran");
        var offer = accounts.offerSecondFactor("oidc.careful");
        accounts.enrolSecondFactor("oidc.careful", offer, Totp.at(offer.secret(), clock.instant(), Algorithm.SHA1, 6));
        clock.advance(Duration.ofSeconds(30));

        var browser = new Browser();
        signInThroughProvider(browser, "fran");
        assertThat(browser.at.getPath()).isEqualTo("/account/one-time-code");
        var page = browser.get(node("/requests"));
        assertThat(browser.at.getPath()).as("nothing else until the code").isEqualTo("/account/one-time-code");

        var code = Totp.at(offer.secret(), clock.instant(), Algorithm.SHA1, 6);
        var wrong = code.equals("000000") ? "111111" : "000000";
        var refused =
                browser.post(node("/account/one-time-code"), Map.of("code", wrong, "_csrf", Browser.csrf(page.body())));
        assertThat(refused.body()).contains("id=\"code-error\"");
        browser.get(node("/console"));
        assertThat(browser.at.getPath()).isEqualTo("/account/one-time-code");

        var console = browser.post(
                node("/account/one-time-code"), Map.of("code", code, "_csrf", Browser.csrf(refused.body())));
        assertThat(browser.at.getPath()).isEqualTo("/console");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(browser.get(node("/requests")).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdentityLinksToOneAccountAndLinkingIsAudited() {
        register("first.owner", Role.CASEWORKER);
        register("second.owner", Role.CASEWORKER);
        accounts.linkIdentity("first.owner", null, "Shared@Ministry.example", "test-admin");
        assertThat(accounts.identitiesOf("first.owner"))
                .extracting(LinkedIdentity::subject, LinkedIdentity::issuer, LinkedIdentity::linkedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "shared@ministry.example", provider.issuer(), "test-admin"));
        assertThatThrownBy(() -> accounts.linkIdentity("second.owner", null, "shared@ministry.example", "test-admin"))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> accounts.linkIdentity("second.owner", null, "not an address", "test-admin"))
                .isInstanceOf(org.comity.shared.InvalidInput.class);
        assertThat(jdbc.sql("SELECT actor || ' ' || action FROM account_event WHERE subject = 'first.owner'")
                        .query(String.class)
                        .list())
                .contains("test-admin linked OIDC identity shared@ministry.example at " + provider.issuer());

        accounts.unlinkIdentity("first.owner", null, "SHARED@ministry.example", "test-admin");
        assertThat(accounts.identitiesOf("first.owner")).isEmpty();
        accounts.linkIdentity("second.owner", null, "shared@ministry.example", "test-admin");
    }
}
