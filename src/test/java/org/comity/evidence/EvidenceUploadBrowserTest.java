package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.ConsoleBrowser;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The evidence page in headless Chromium: a generated file of 6 MiB goes in through the script's
 * resumable path in 1 MiB chunks — one of them failing as a dropped connection would, so the script
 * asks the offset and resumes — the progress reaches 100 %, and the item's SHA-256 on the page is that
 * of the file. The page is axe-clean before and after.
 */
@NodeTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"comity.evidence.max-chunk-bytes=1048576", "comity.casework.watch-enabled=false"})
class EvidenceUploadBrowserTest {

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser("en-GB");

    @Autowired
    Accounts accounts;

    @Autowired
    Evidence evidence;

    @TempDir
    Path dir;

    @Test
    void aFileGoesInByResumableChunksWithProgressAndItsHashShows() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var requestId = aRequest();
        var packageId = evidence.create(requestId, null, TestAccounts.username(Role.CASEWORKER))
                .id();
        var bytes = EvidenceApiTest.content(6 * 1024 * 1024 + 12345);
        var file = dir.resolve("mailbox-export.mbox");
        Files.write(file, bytes);
        var sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        browser.signIn(Role.CASEWORKER);
        browser.open("/requests/" + requestId + "/evidence");
        browser.check("evidence-package-open");
        var js = (JavascriptExecutor) browser;
        // The third PATCH fails as a dropped connection would: the script must ask the offset and resume.
        js.executeScript("""
                var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send, patches = 0;
                window.comityHeads = 0;
                XMLHttpRequest.prototype.open = function (method, url) {
                  this.comityMethod = method;
                  if (method === 'HEAD') { window.comityHeads++; }
                  return open.apply(this, arguments);
                };
                XMLHttpRequest.prototype.send = function (body) {
                  if (this.comityMethod === 'PATCH' && ++patches === 3) {
                    var xhr = this;
                    setTimeout(function () { xhr.onerror(); }, 0);
                    return;
                  }
                  return send.apply(this, arguments);
                };""");
        var form = browser.findElement(By.cssSelector("form.evidence-upload"));
        form.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        form.findElement(By.name("orderReference")).sendKeys("PO-2026-0042");
        form.findElement(By.name("sourceName")).sendKeys("Example Mail Ltd");
        js.executeScript("arguments[0].value = '2026-02-27T09:30';", form.findElement(By.name("collectedAt")));
        form.findElement(By.cssSelector("button[type=submit]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(d -> "true"
                        .equals(d.findElement(By.cssSelector(".upload-progress"))
                                .getDomAttribute("data-complete")));
        assertThat(browser.findElement(By.cssSelector(".upload-progress progress"))
                        .getDomProperty("value"))
                .isEqualTo("100");
        assertThat(browser.findElement(By.cssSelector(".upload-status")).getText())
                .contains("Upload complete: 100 %");
        // Once at the start, once after the failure.
        assertThat(js.executeScript("return window.comityHeads")).isEqualTo(2L);

        var item = evidence.get(packageId).items().getFirst();
        assertThat(item.state()).isEqualTo("stored");
        assertThat(item.sha256()).isEqualTo(sha256);
        browser.open("/requests/" + requestId + "/evidence");
        assertThat(browser.findElement(By.id("item-" + item.id()))
                        .findElement(By.cssSelector("code.sha256"))
                        .getText())
                .isEqualTo(sha256);
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("mailbox-export.mbox", "Example Mail Ltd", "PO-2026-0042");
        browser.check("evidence-package-item");
    }

    /**
     * The same page with the browser's script execution turned off (DevTools
     * {@code Emulation.setScriptExecutionDisabled}; the test's own driver scripts still run): the form
     * is posted as multipart by the browser itself, the page comes back with the item added, and the
     * SHA-256 it shows is the file's.
     */
    @Test
    void withoutJavaScriptThePlainFormPostsTheFileAndItsHashShows() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var requestId = aRequest();
        var packageId = evidence.create(requestId, null, TestAccounts.username(Role.CASEWORKER))
                .id();
        var bytes = EvidenceApiTest.content(1024 * 1024 + 4321);
        var file = dir.resolve("router-config.bin");
        Files.write(file, bytes);
        var sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        var devTools = (org.openqa.selenium.chromium.HasCdp) browser.chromium().driver();
        browser.signIn(Role.CASEWORKER);
        devTools.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        try {
            browser.open("/requests/" + requestId + "/evidence");
            var form = browser.findElement(By.cssSelector("form.evidence-upload"));
            form.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
            form.findElement(By.name("orderReference")).sendKeys("PO-2026-0077");
            form.findElement(By.name("sourceName")).sendKeys("Example Telecom SA");
            browser.executeScript("arguments[0].value = '2026-02-27T09:30';", form.findElement(By.name("collectedAt")));
            browser.clickAndWait(form.findElement(By.cssSelector("button[type=submit]")));

            // The plain form's answer (a redirect with its banner), not the script's in-page progress.
            assertThat(browser.text()).contains("Added: router-config.bin.");
            assertThat(browser.present(By.cssSelector(".upload-progress[data-complete=true]")))
                    .isEmpty();
            var item = evidence.get(packageId).items().getFirst();
            assertThat(item.state()).isEqualTo("stored");
            assertThat(item.sizeBytes()).isEqualTo(bytes.length);
            assertThat(browser.findElement(By.id("item-" + item.id()))
                            .findElement(By.cssSelector("code.sha256"))
                            .getText())
                    .isEqualTo(sha256);
            assertThat(browser.text()).contains("Example Telecom SA", "PO-2026-0077");
        } finally {
            devTools.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", false));
        }
    }

    private UUID aRequest() throws Exception {
        var auth = Base64.getEncoder()
                .encodeToString((TestAccounts.username(Role.CASEWORKER) + ":" + TestAccounts.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(browser.url("/api/requests")))
                            .header("Authorization", "Basic " + auth)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            return UUID.fromString(
                    EvidenceApiTest.JSON.readTree(response.body()).get("id").asString());
        }
    }
}
