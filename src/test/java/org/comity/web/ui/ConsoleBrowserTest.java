package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.ConsoleBrowser;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver): sign in, draft and
 * send a request with a second approver, register an incoming one and refuse it with reasons, switch
 * language (French, and Arabic right to left). Each main page is checked with axe-core (no serious or
 * critical violation) and saved as a screenshot under {@code target/screenshots/}.
 *
 * <p>Without chromium the test fails when {@code CI} is set and is skipped, saying why, otherwise.
 */
@NodeTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// An authority identity, so the exchange page shows this node's card.
@TestPropertySource(properties = {FictionalUncc.PROPERTY, "comity.exchange.authority.state=XA"})
class ConsoleBrowserTest {

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser("en-GB");

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
        // The UNCC in force between the fictional States, so the draft below has a legal basis.
        FictionalUncc.inForce(treaties);
    }

    @Test
    void caseworkFromDraftToRefusal() throws IOException {
        browser.signIn(Role.CASEWORKER);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        browser.check("dashboard");

        // Draft, step by step.
        browser.open("/requests/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        browser.type("requestingName", "Central Authority of Xanadu");
        browser.type("requestingState", "XA");
        browser.type("requestedName", "Ministry of Justice of Xebia");
        browser.type("requestedState", "XB");
        browser.check("draft-parties");
        browser.submit();
        assertThat(browser.getCurrentUrl()).endsWith("/draft/offence");
        browser.submit(); // empty step: problems shown next to the fields, the draft is kept
        assertThat(browser.findElement(By.id("offences[0].domesticProvision-error"))
                        .getText())
                .isNotBlank();
        assertThat(browser.findElement(By.id("offences[0].domesticProvision")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.check("draft-offence-errors");
        browser.type("offences[0].domesticProvision", "Penal Code s. 301");
        browser.findElement(By.id("offences[0].conductCategories-ict-theft-or-fraud"))
                .click();
        browser.type("offences[0].maximumPenaltyMonths", "96");
        browser.type("summaryOfFacts", "Online fraud against pensioners through a fake investment site.");
        browser.type("purpose", "Identify the operator of the site for prosecution.");
        // A second offence, added without JavaScript: the step comes back with what was typed.
        browser.clickButton("Add another offence");
        assertThat(browser.findElement(By.id("offences[0].domesticProvision")).getAttribute("value"))
                .isEqualTo("Penal Code s. 301");
        // Focus is on the new row's first field (autofocus), where the keyboard user goes on typing.
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("offences[1].domesticProvision");
        browser.type("offences[1].domesticProvision", "Penal Code s. 324");
        browser.findElement(By.id("offences[1].conductCategories-laundering")).click();
        browser.type("offences[1].maximumPenaltyMonths", "120");
        browser.checkFullPage("draft-offence-two");
        browser.submit();
        assertThat(browser.getCurrentUrl()).endsWith("/draft/subjects");
        new Select(browser.findElement(By.id("subjects[0].role"))).selectByValue("ACCOUNT_HOLDER");
        new Select(browser.findElement(By.id("subjects[0].identifiers[0].type"))).selectByValue("IP_ADDRESS");
        browser.type("subjects[0].identifiers[0].value", "203.0.113.7");
        setValue("subjects[0].identifiers[0].observedAt", "2026-01-10T12:00");
        browser.type("subjects[0].identifiers[0].timeZone", "Europe/Paris");
        browser.findElement(By.cssSelector("input[name=dataCategories][value=SUBSCRIBER]"))
                .click();
        setValue("dataFrom", "2026-01-01");
        setValue("dataTo", "2026-01-31");
        browser.type("provider", "Example Hosting Ltd");
        browser.checkFullPage("draft-subjects");
        browser.submit();
        assertThat(browser.getCurrentUrl()).endsWith("/draft/conditions");
        new Select(browser.findElement(By.id("urgency"))).selectByValue("NORMAL");
        browser.type("authorisingBody", "Investigating judge");
        browser.findElement(By.id("judicialOrIndependent")).click();
        browser.type("legalGrounds", "CCP art. 12");
        browser.type("proportionality", "One month of subscriber data only.");
        browser.type("durationDays", "30");
        browser.findElement(By.id("confidential")).click();
        setValue("confidentialUntil", "2030-01-01");
        browser.check("draft-conditions");
        browser.submit();
        assertThat(browser.getCurrentUrl()).as(browser::text).endsWith("/draft/review");
        assertThat(browser.findElement(By.id("safeguards-assessment")).isDisplayed())
                .isTrue();
        browser.check("draft-review");
        browser.clickButton("Propose sending");
        assertThat(browser.text()).contains("Awaiting approval to send");
        var outgoing = browser.getCurrentUrl();
        browser.signOut();

        // The second approver sends it.
        browser.signIn(Role.SUPERVISOR);
        assertThat(browser.text()).contains("Awaiting a second approval");
        browser.get(outgoing);
        browser.clickButton("Approve sending");
        assertThat(browser.text()).contains("Sending approved");
        browser.check("request-sent");
        browser.signOut();

        // An incoming paper request, registered by hand.
        browser.signIn(Role.CASEWORKER);
        browser.open("/requests/incoming/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        browser.type("requestingName", "Prosecutor General of Xebia");
        browser.type("requestingState", "XB");
        browser.type("requestedName", "Central Authority of Xanadu");
        browser.type("requestedState", "XA");
        browser.type("summaryOfFacts", "Messages criticising the government posted by a journalist.");
        browser.check("register-incoming");
        browser.submit();
        assertThat(browser.text()).contains("The incoming request is registered");
        var incoming = browser.getCurrentUrl();
        browser.clickButton("Start the review");
        assertThat(browser.text()).contains("Review started");
        browser.signOut();

        // The legal reviewer consults and refuses with reasons.
        browser.signIn(Role.LEGAL_REVIEWER);
        browser.get(incoming);
        // Refusing without reasons, on the refusal's own form: the message sits next to the field.
        browser.clickAndWait(browser.findElement(By.linkText("Refuse")));
        browser.clickButton("Record the decision");
        assertThat(browser.text()).contains("Give the reasons for refusing");
        browser.check("refusal-errors");
        // With reasons but before consulting the requesting State: refused, nothing changes.
        refuse();
        assertThat(browser.text()).contains("Consult the requesting State");
        browser.get(incoming);
        browser.type("consult-with", "Prosecutor General of Xebia");
        browser.type("consult-summary", "Asked for the conduct alleged; none beyond the posts.");
        browser.clickButton("Record a consultation");
        assertThat(browser.text()).contains("Consultation recorded");
        browser.clickAndWait(browser.findElement(By.linkText("Refuse")));
        refuse();
        // The safeguards assessment raised grounds: the refusal waits for a supervisor.
        assertThat(browser.text()).contains("Decision awaiting approval");
        browser.signOut();
        browser.signIn(Role.SUPERVISOR);
        browser.get(incoming);
        browser.clickButton("Approve the decision");
        assertThat(browser.text()).contains("Refused").contains("Persecution");
        browser.check("request-refused");

        browser.open("/requests");
        browser.check("request-list");
        browser.open("/treaties");
        browser.check("treaties");
        browser.open("/treaties/legal-basis?a=FR&b=DE");
        browser.check("legal-basis");
        browser.open("/states");
        browser.check("states");
        browser.open("/states/FR");
        browser.check("state-profile");
        browser.signOut();
    }

    @Test
    void administrationAndLanguages() throws IOException {
        browser.signIn(Role.ADMIN);
        browser.open("/admin/accounts");
        browser.check("admin-accounts");
        browser.open("/admin/policy-packs");
        browser.check("admin-policy-packs");
        var broken = Files.createTempFile("XB-3", ".yaml");
        Files.writeString(broken, """
                pack: xb-central-authority
                state: XB
                version: 3
                rules:
                  - id: broken
                    severity: bar
                    when: request.max_months <
                    cite: [no-such-key]
                    explanation: x
                    resolution: y
                """);
        browser.findElement(By.id("file")).sendKeys(broken.toAbsolutePath().toString());
        browser.submit();
        assertThat(browser.findElement(By.id("file-error")).getText())
                .contains("line 7")
                .contains("line 8");
        browser.check("admin-policy-packs-errors");
        browser.open("/admin/policy-packs?lang=ar");
        browser.check("admin-policy-packs-ar");
        browser.open("/admin/policy-packs?lang=en");
        Files.delete(broken);
        browser.open("/admin/profiles");
        browser.check("admin-profiles");

        browser.clickAndWait(browser.findElement(By.linkText("Français")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Importer un profil d'État");
        browser.open("/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord");
        browser.check("dashboard-fr");

        browser.open("/console?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.check("dashboard-ar");
        browser.open("/admin/accounts");
        browser.check("admin-accounts-ar");
        browser.open("/console?lang=en");
        browser.signOut();
    }

    @Test
    void treatyActionsAdministration() throws IOException {
        browser.signIn(Role.ADMIN);
        browser.open("/admin/treaty-actions");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Treaty actions");

        // A file with a bad line: the report names the file and the line, nothing is imported.
        var dir = Files.createTempDirectory("comity-import");
        var csv = dir.resolve("fictional-actions.csv");
        Files.writeString(csv, """
                instrument,party,action,date,source,as_of,note
                UNCC,XY,signature,2024-12-20,fictional depositary notification,2025-01-02,
                UNCC,XY,ratify,2024-12-21,fictional depositary notification,2025-01-02,
                """);
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.clickButton("Import");
        Files.delete(csv);
        Files.delete(dir);
        var report = browser.findElement(By.id("report-title")).findElement(By.xpath(".."));
        assertThat(report.getText()).contains("fictional-actions.csv").contains("line 3");
        // The page opens at the report, not above the long list of actions.
        assertThat(inView(report)).isTrue();
        browser.check("admin-treaty-actions-import-errors");

        // Recording one action with a wrong date and no source: the messages sit next to the fields.
        new Select(browser.findElement(By.id("instrument"))).selectByValue("UNCC");
        new Select(browser.findElement(By.id("party"))).selectByValue("XY");
        new Select(browser.findElement(By.id("action"))).selectByValue("signature");
        browser.type("date", "2024-13-40");
        browser.clickButton("Record");
        assertThat(browser.findElement(By.id("date-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("source-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("asOf-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("date")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("date")).getAttribute("aria-describedby"))
                .contains("date-error");
        assertThat(inView(browser.findElement(By.id("error-summary")))).isTrue();
        browser.check("admin-treaty-actions-errors");

        // Corrected, it is recorded and listed with its source.
        browser.type("date", "2024-12-20");
        browser.type("source", "fictional depositary notification, for a browser test");
        setValue("asOf", "2025-01-02");
        browser.clickButton("Record");
        assertThat(browser.text()).contains("Recorded: UNCC XY signature");
        assertThat(inView(browser.findElement(By.cssSelector("main .banner[role=status]"))))
                .isTrue();
        browser.check("admin-treaty-actions");
        new Select(browser.findElement(By.id("filter-instrument"))).selectByValue("UNCC");
        browser.type("filter-party", "XY");
        browser.clickButton("Show");
        assertThat(browser.text()).contains("fictional depositary notification, for a browser test");

        browser.open("/admin/treaty-actions?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.check("admin-treaty-actions-ar");
        browser.open("/admin/treaty-actions?lang=en");
        browser.signOut();
    }

    @Test
    void documentsOfARequest() throws Exception {
        browser.signIn(Role.CASEWORKER);
        browser.open("/requests/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        browser.type("requestingName", "Central Authority of Xanadu");
        browser.type("requestingState", "XA");
        browser.type("requestedName", "Ministry of Justice of Xebia");
        browser.type("requestedState", "XB");
        browser.submit();
        var id = browser.getCurrentUrl().replaceAll(".*/requests/([0-9a-f-]{36})/.*", "$1");
        browser.open("/requests/" + id);

        var dir = Files.createTempDirectory("comity-attach");
        var file = dir.resolve("judicial-order.txt");
        var bytes = "Order of the investigating judge of Xanadu, 2026-01-05.\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.clickButton("Attach");
        Files.delete(file);
        Files.delete(dir);
        assertThat(browser.getCurrentUrl()).endsWith("#documents");
        assertThat(browser.text()).contains("Attached: judicial-order.txt.");
        var sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        var hash = browser.findElement(By.cssSelector("#documents td code"));
        assertThat(hash.getText()).isEqualTo(sha256);
        var link = browser.findElement(By.linkText("judicial-order.txt"));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'start'});", browser.findElement(By.id("documents")));
        browser.check("request-documents");

        // A download, not a page: the browser stays on the request page.
        link.click();
        assertThat(browser.chromium().downloaded("judicial-order.txt")).isEqualTo(bytes);
        assertThat(browser.getCurrentUrl()).contains("/requests/" + id);
        browser.signOut();
    }

    @Test
    void exchangeTrustAndRefusals() throws IOException {
        browser.signIn(Role.ADMIN);
        browser.open("/admin/exchange");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Exchange: identity and trust");
        assertThat(browser.text()).contains("xa-central-authority");
        browser.checkFullPage("admin-exchange");

        // A card that is not one: refused by its first step, the message next to the card, nothing pinned.
        browser.type("card", "not.a.card");
        browser.type("fingerprint", "0123456789abcdef".repeat(4));
        browser.clickButton("Verify and pin");
        assertThat(browser.findElement(By.id("card-error")).getText()).contains("not a well-formed authority card");
        assertThat(browser.findElement(By.id("card")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("card")).getAttribute("aria-describedby"))
                .contains("card-error");
        assertThat(browser.text()).contains("No pin.");
        browser.check("admin-exchange-pin-errors");

        browser.clickButton("Rotate the keys");
        assertThat(browser.text()).contains("New signing and encryption keys are in use.");

        browser.open("/admin/exchange?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.check("admin-exchange-ar");
        browser.open("/exchange/refusals?lang=fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Refus d’échange et livraisons échouées");
        browser.check("exchange-refusals-fr");
        browser.open("/exchange/refusals?lang=en");
        browser.check("exchange-refusals");
        browser.signOut();
    }

    /** Whether the top of the element is inside the window, where a sighted user sees it without scrolling. */
    private boolean inView(WebElement element) {
        return (Boolean) ((JavascriptExecutor) browser)
                .executeScript(
                        "var top = arguments[0].getBoundingClientRect().top; return top >= 0 && top < window.innerHeight;",
                        element);
    }

    private void refuse() {
        new Select(browser.findElement(By.id("reasons-0-ground"))).selectByValue("PERSECUTION");
        browser.type("reasons-0-explanation", "The request targets a journalist for expression.");
        browser.clickButton("Record the decision");
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
    }
}
