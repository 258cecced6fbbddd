package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.comity.testing.ServedNodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15 item 11, over plain HTTP (a sandbox on localhost): cookies are SameSite and HttpOnly but not
 * Secure (a browser would drop them), and no HSTS is sent; the Referrer-Policy is.
 */
@ServedNodeTest
class PlainHttpCookiesTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theSessionCookieIsSameSiteAndHttpOnlyButNotSecureOverPlainHttp() throws Exception {
        var login = get("/login");
        var session = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(session)
                .containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }
}
