package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.comity.testing.ServedNodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15 item 11, under TLS: the node served the way the README documents (a PEM SSL bundle named by
 * {@code server.ssl.bundle}) sets Secure on its cookies and sends HSTS; both chains send a
 * Referrer-Policy. The certificate is made for the test by the JDK's keytool.
 */
@ServedNodeTest
class TransportSecurityTest {

    static Path tls;
    static KeyStore trusted;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        tls = Files.createTempDirectory("comity-tls");
        var store = tls.resolve("node.p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var process = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "node",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor())
                .as(new String(process.getInputStream().readAllBytes()))
                .isZero();
        var keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Certificate certificate = keys.getCertificate("node");
        var key = keys.getKey("node", "changeit".toCharArray());
        Files.writeString(tls.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(tls.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("node", certificate);

        registry.add("spring.ssl.bundle.pem.web.keystore.certificate", () -> "file:" + tls.resolve("cert.pem"));
        registry.add("spring.ssl.bundle.pem.web.keystore.private-key", () -> "file:" + tls.resolve("key.pem"));
        registry.add("server.ssl.bundle", () -> "web");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        var ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        try (var client = HttpClient.newBuilder().sslContext(ssl).build()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String cookie(HttpResponse<?> response, String name) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + cookies));
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSiteUnderTls() throws Exception {
        var login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(cookie(login, "JSESSIONID"))
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax");
    }

    @Test
    void theLanguageCookieIsSecureUnderTls() throws Exception {
        assertThat(cookie(get("/?lang=fr"), "comity-lang"))
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("; SameSite=Lax");
    }

    @Test
    void consoleAndApiSendHstsAndAReferrerPolicy() throws Exception {
        var page = get("/login");
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        var api = get("/api/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }
}
