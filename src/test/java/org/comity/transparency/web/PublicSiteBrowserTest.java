package org.comity.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.ConsoleBrowser;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEntry;
import org.comity.transparency.Outcome;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.receipt.Receipt;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The public log pages in a real headless Chromium, without signing in: a request refused through the
 * API appears on {@code /log}, a search by State finds it, its page shows the verified proof, the
 * receipt and entry download and verify with the pure domain code, and the statistics draw SVG. Each
 * page is checked with axe-core and saved under {@code target/screenshots/}.
 *
 * <p>Without chromium the test fails when {@code CI} is set and is skipped, saying why, otherwise.
 */
@NodeTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            FictionalUncc.PROPERTY,
            "comity.transparency.checkpoint-interval=0s",
            "comity.casework.watch-enabled=false"
        })
class PublicSiteBrowserTest {

    /** An incoming request from QM asking XB about a journalist: refused, as it should be. */
    static final String ABUSIVE = """
            {"requestingAuthority": {"name": "Prosecutor General of Qmland", "state": "QM"},
             "requestedAuthority": {"name": "Ministry of Justice of Xebia", "state": "XB"},
             "legalBasis": "UNCC",
             "offences": [{"domesticProvision": "Criminal Code art. 207.3 (false information)",
                           "conductCategories": ["discrediting-armed-forces"], "maximumPenaltyMonths": 180}],
             "summaryOfFacts": "Publication of articles criticising the army.",
             "subjects": [{"role": "SUSPECT", "name": "A. Writer", "identifiers": [{"type": "EMAIL",
                           "value": "writer@example.org"}]}],
             "dataSought": {"categories": ["CONTENT"], "from": "2025-01-01T00:00:00Z",
                            "to": "2026-01-01T00:00:00Z", "provider": "Example Mail"},
             "purpose": "Prosecution"}
            """;

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser("en-GB");

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    MockMvc mvc;

    @Autowired
    TransparencyLog log;

    @Test
    void aRefusalIsOnThePublicLogWithAVerifiedProofAndReceipt() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
        long index = refuseThroughTheApi();

        browser.open("/log");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Transparency log");
        assertThat(browser.text()).contains("Refused").contains("QM");
        browser.check("log");

        // Search by State: the requesting State QM.
        new Select(browser.findElement(By.id("state"))).selectByValue("QM");
        new Select(browser.findElement(By.id("role"))).selectByValue("requesting");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("refused");
        browser.clickAndWait(browser.findElement(By.cssSelector("main form.filters button[type=submit]")));
        assertThat(browser.getCurrentUrl()).contains("state=QM").contains("outcome=refused");
        var links = browser.findElements(By.cssSelector("#entries a[href^='/log/entries/']"));
        assertThat(links).extracting(a -> a.getAttribute("href")).containsExactly(browser.url("/log/entries/" + index));
        browser.check("log-search");

        // A bad date: the message sits next to the field.
        browser.open("/log?from=2026-02-30");
        assertThat(browser.findElement(By.id("from-error")).getText()).contains("YYYY-MM-DD");
        assertThat(browser.findElement(By.id("from")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.check("log-search-error");

        browser.open("/log?state=QM");
        browser.clickAndWait(browser.findElement(By.cssSelector("#entries a[href='/log/entries/" + index + "']")));
        assertThat(browser.findElement(By.id("proof-status")).getText()).startsWith("Verified.");
        assertThat(browser.text()).contains("Persecution").contains("Refused");
        assertThat(browser.findElements(By.cssSelector("#proof-steps li"))).hasSizeGreaterThanOrEqualTo(2);
        browser.check("log-entry");

        // Download the receipt and the entry, then verify them with the pure domain code and the key
        // the verify page publishes.
        browser.findElement(By.id("receipt-link")).click();
        browser.findElement(By.id("entry-link")).click();
        byte[] receipt = browser.chromium().downloaded("entry-" + index + ".tlog-proof");
        byte[] entry = browser.chromium().downloaded("entry-" + index + ".json");
        browser.open("/log/verify");
        var key = NoteVerifier.parse(
                browser.findElement(By.id("verifier-key")).getText().strip());
        browser.check("log-verify");
        var checkpoint =
                Receipt.parse(new String(receipt, StandardCharsets.UTF_8)).verifyEntry(TrustedLog.of(key), entry);
        assertThat(checkpoint.size()).isGreaterThan(index);
        var metadata = LogEntry.parse(entry).metadata();
        assertThat(metadata.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(metadata.requesting().value()).isEqualTo("QM");
        assertThat(metadata.refusalGrounds()).contains("persecution");

        browser.open("/log/statistics");
        assertThat(browser.findElements(By.cssSelector("main svg[role=img]"))).hasSize(5);
        assertThat(browser.findElements(By.cssSelector("#figure-grounds svg rect")))
                .isNotEmpty();
        browser.check("log-statistics");

        browser.open("/log?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.check("log-ar");
        browser.open("/log/statistics?lang=ar");
        browser.check("log-statistics-ar");
        browser.open("/log?lang=en");
    }

    /** Registers an incoming request, reviews, consults and refuses it (with approval); the decision's log index. */
    private long refuseThroughTheApi() throws Exception {
        var registered = call(Role.CASEWORKER, post("/api/requests/incoming"), """
                        {"kind": "STORED_DATA", "content": %s}
                        """.formatted(ABUSIVE))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(registered)
                .get("id")
                .asString();
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/review"), "{}").andExpect(status().isOk());
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/consultations"), """
                        {"with": "Prosecutor General of Qmland", "summary": "asked to narrow the request; it could not be"}
                        """)
                .andExpect(status().isOk());
        var proposed = call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), """
                        {"outcome": "refused", "assessment": {"groundOrConcern": true, "note": "expression"},
                         "reasons": [{"ground": "PERSECUTION", "explanation": "the request seeks a journalist's sources"}]}
                        """)
                .andExpect(status().isOk());
        var fingerprint = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(proposed.andReturn().getResponse().getContentAsString())
                .get("proposalFingerprint")
                .asString();
        call(
                        Role.SUPERVISOR,
                        post("/api/requests/" + id + "/decision/approval"),
                        "{\"proposal\": \"" + fingerprint + "\"}")
                .andExpect(jsonPath("$.state").value("refused"));
        // The casework feed appends after its transaction commits: wait for the decision's entry.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (long i = log.size() - 1; i >= 0; i--) {
                var m = LogEntry.parse(log.entry(i)).metadata();
                if (m.event() == EventType.REQUEST_DECIDED
                        && m.requesting().value().equals("QM")) {
                    return i;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the refusal did not reach the public log");
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
