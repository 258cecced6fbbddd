package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.Chromium;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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

    static Chromium chromium;
    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = Chromium.start("en-GB");
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

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
        signIn(Role.CASEWORKER);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        check("dashboard");

        // Draft, step by step.
        open("/requests/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        chromium.type("requestingName", "Central Authority of Xanadu");
        chromium.type("requestingState", "XA");
        chromium.type("requestedName", "Ministry of Justice of Xebia");
        chromium.type("requestedState", "XB");
        check("draft-parties");
        submit();
        assertThat(browser.getCurrentUrl()).endsWith("/draft/offence");
        submit(); // empty step: problems shown next to the fields, the draft is kept
        assertThat(browser.findElement(By.id("offences[0].domesticProvision-error"))
                        .getText())
                .isNotBlank();
        assertThat(browser.findElement(By.id("offences[0].domesticProvision")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        check("draft-offence-errors");
        chromium.type("offences[0].domesticProvision", "Penal Code s. 301");
        browser.findElement(By.id("offences[0].conductCategories-ict-theft-or-fraud"))
                .click();
        chromium.type("offences[0].maximumPenaltyMonths", "96");
        chromium.type("summaryOfFacts", "Online fraud against pensioners through a fake investment site.");
        chromium.type("purpose", "Identify the operator of the site for prosecution.");
        // A second offence, added without JavaScript: the step comes back with what was typed.
        clickButton("Add another offence");
        assertThat(browser.findElement(By.id("offences[0].domesticProvision")).getAttribute("value"))
                .isEqualTo("Penal Code s. 301");
        // Focus is on the new row's first field (autofocus), where the keyboard user goes on typing.
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("offences[1].domesticProvision");
        chromium.type("offences[1].domesticProvision", "Penal Code s. 324");
        browser.findElement(By.id("offences[1].conductCategories-laundering")).click();
        chromium.type("offences[1].maximumPenaltyMonths", "120");
        checkFullPage("draft-offence-two");
        submit();
        assertThat(browser.getCurrentUrl()).endsWith("/draft/subjects");
        new Select(browser.findElement(By.id("subjects[0].role"))).selectByValue("ACCOUNT_HOLDER");
        new Select(browser.findElement(By.id("subjects[0].identifiers[0].type"))).selectByValue("IP_ADDRESS");
        chromium.type("subjects[0].identifiers[0].value", "203.0.113.7");
        setValue("subjects[0].identifiers[0].observedAt", "2026-01-10T12:00");
        chromium.type("subjects[0].identifiers[0].timeZone", "Europe/Paris");
        browser.findElement(By.cssSelector("input[name=dataCategories][value=SUBSCRIBER]"))
                .click();
        setValue("dataFrom", "2026-01-01");
        setValue("dataTo", "2026-01-31");
        chromium.type("provider", "Example Hosting Ltd");
        checkFullPage("draft-subjects");
        submit();
        assertThat(browser.getCurrentUrl()).endsWith("/draft/conditions");
        new Select(browser.findElement(By.id("urgency"))).selectByValue("NORMAL");
        chromium.type("authorisingBody", "Investigating judge");
        browser.findElement(By.id("judicialOrIndependent")).click();
        chromium.type("legalGrounds", "CCP art. 12");
        chromium.type("proportionality", "One month of subscriber data only.");
        chromium.type("durationDays", "30");
        browser.findElement(By.id("confidential")).click();
        setValue("confidentialUntil", "2030-01-01");
        check("draft-conditions");
        submit();
        assertThat(browser.getCurrentUrl()).as(this::text).endsWith("/draft/review");
        assertThat(browser.findElement(By.id("safeguards-assessment")).isDisplayed())
                .isTrue();
        check("draft-review");
        clickButton("Propose sending");
        assertThat(text()).contains("Awaiting approval to send");
        var outgoing = browser.getCurrentUrl();
        signOut();

        // The second approver sends it.
        signIn(Role.SUPERVISOR);
        assertThat(text()).contains("Awaiting a second approval");
        browser.get(outgoing);
        clickButton("Approve sending");
        assertThat(text()).contains("Sending approved");
        check("request-sent");
        signOut();

        // An incoming paper request, registered by hand.
        signIn(Role.CASEWORKER);
        open("/requests/incoming/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        chromium.type("requestingName", "Prosecutor General of Xebia");
        chromium.type("requestingState", "XB");
        chromium.type("requestedName", "Central Authority of Xanadu");
        chromium.type("requestedState", "XA");
        chromium.type("summaryOfFacts", "Messages criticising the government posted by a journalist.");
        check("register-incoming");
        submit();
        assertThat(text()).contains("The incoming request is registered");
        var incoming = browser.getCurrentUrl();
        clickButton("Start the review");
        assertThat(text()).contains("Review started");
        signOut();

        // The legal reviewer consults and refuses with reasons.
        signIn(Role.LEGAL_REVIEWER);
        browser.get(incoming);
        // Refusing without reasons, on the refusal's own form: the message sits next to the field.
        clickAndWait(browser.findElement(By.linkText("Refuse")));
        clickButton("Record the decision");
        assertThat(text()).contains("Give the reasons for refusing");
        check("refusal-errors");
        // With reasons but before consulting the requesting State: refused, nothing changes.
        refuse();
        assertThat(text()).contains("Consult the requesting State");
        browser.get(incoming);
        chromium.type("consult-with", "Prosecutor General of Xebia");
        chromium.type("consult-summary", "Asked for the conduct alleged; none beyond the posts.");
        clickButton("Record a consultation");
        assertThat(text()).contains("Consultation recorded");
        clickAndWait(browser.findElement(By.linkText("Refuse")));
        refuse();
        // The safeguards assessment raised grounds: the refusal waits for a supervisor.
        assertThat(text()).contains("Decision awaiting approval");
        signOut();
        signIn(Role.SUPERVISOR);
        browser.get(incoming);
        clickButton("Approve the decision");
        assertThat(text()).contains("Refused").contains("Persecution");
        check("request-refused");

        open("/requests");
        check("request-list");
        open("/treaties");
        check("treaties");
        open("/treaties/legal-basis?a=FR&b=DE");
        check("legal-basis");
        open("/states");
        check("states");
        open("/states/FR");
        check("state-profile");
        signOut();
    }

    @Test
    void administrationAndLanguages() throws IOException {
        signIn(Role.ADMIN);
        open("/admin/accounts");
        check("admin-accounts");
        open("/admin/policy-packs");
        check("admin-policy-packs");
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
        submit();
        assertThat(browser.findElement(By.id("file-error")).getText())
                .contains("line 7")
                .contains("line 8");
        check("admin-policy-packs-errors");
        open("/admin/policy-packs?lang=ar");
        check("admin-policy-packs-ar");
        open("/admin/policy-packs?lang=en");
        Files.delete(broken);
        open("/admin/profiles");
        check("admin-profiles");

        clickAndWait(browser.findElement(By.linkText("Français")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Importer un profil d'État");
        open("/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord");
        check("dashboard-fr");

        open("/console?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        check("dashboard-ar");
        open("/admin/accounts");
        check("admin-accounts-ar");
        open("/console?lang=en");
        signOut();
    }

    @Test
    void treatyActionsAdministration() throws IOException {
        signIn(Role.ADMIN);
        open("/admin/treaty-actions");
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
        clickButton("Import");
        Files.delete(csv);
        Files.delete(dir);
        var report = browser.findElement(By.id("report-title")).findElement(By.xpath(".."));
        assertThat(report.getText()).contains("fictional-actions.csv").contains("line 3");
        // The page opens at the report, not above the long list of actions.
        assertThat(inView(report)).isTrue();
        check("admin-treaty-actions-import-errors");

        // Recording one action with a wrong date and no source: the messages sit next to the fields.
        new Select(browser.findElement(By.id("instrument"))).selectByValue("UNCC");
        new Select(browser.findElement(By.id("party"))).selectByValue("XY");
        new Select(browser.findElement(By.id("action"))).selectByValue("signature");
        chromium.type("date", "2024-13-40");
        clickButton("Record");
        assertThat(browser.findElement(By.id("date-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("source-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("asOf-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("date")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("date")).getAttribute("aria-describedby"))
                .contains("date-error");
        assertThat(inView(browser.findElement(By.id("error-summary")))).isTrue();
        check("admin-treaty-actions-errors");

        // Corrected, it is recorded and listed with its source.
        chromium.type("date", "2024-12-20");
        chromium.type("source", "fictional depositary notification, for a browser test");
        setValue("asOf", "2025-01-02");
        clickButton("Record");
        assertThat(text()).contains("Recorded: UNCC XY signature");
        assertThat(inView(browser.findElement(By.cssSelector("main .banner[role=status]"))))
                .isTrue();
        check("admin-treaty-actions");
        new Select(browser.findElement(By.id("filter-instrument"))).selectByValue("UNCC");
        chromium.type("filter-party", "XY");
        clickButton("Show");
        assertThat(text()).contains("fictional depositary notification, for a browser test");

        open("/admin/treaty-actions?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        check("admin-treaty-actions-ar");
        open("/admin/treaty-actions?lang=en");
        signOut();
    }

    @Test
    void documentsOfARequest() throws Exception {
        signIn(Role.CASEWORKER);
        open("/requests/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        chromium.type("requestingName", "Central Authority of Xanadu");
        chromium.type("requestingState", "XA");
        chromium.type("requestedName", "Ministry of Justice of Xebia");
        chromium.type("requestedState", "XB");
        submit();
        var id = browser.getCurrentUrl().replaceAll(".*/requests/([0-9a-f-]{36})/.*", "$1");
        open("/requests/" + id);

        var dir = Files.createTempDirectory("comity-attach");
        var file = dir.resolve("judicial-order.txt");
        var bytes = "Order of the investigating judge of Xanadu, 2026-01-05.\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        clickButton("Attach");
        Files.delete(file);
        Files.delete(dir);
        assertThat(browser.getCurrentUrl()).endsWith("#documents");
        assertThat(text()).contains("Attached: judicial-order.txt.");
        var sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        var hash = browser.findElement(By.cssSelector("#documents td code"));
        assertThat(hash.getText()).isEqualTo(sha256);
        var link = browser.findElement(By.linkText("judicial-order.txt"));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'start'});", browser.findElement(By.id("documents")));
        check("request-documents");

        // A download, not a page: the browser stays on the request page.
        link.click();
        assertThat(chromium.downloaded("judicial-order.txt")).isEqualTo(bytes);
        assertThat(browser.getCurrentUrl()).contains("/requests/" + id);
        signOut();
    }

    @Test
    void exchangeTrustAndRefusals() throws IOException {
        signIn(Role.ADMIN);
        open("/admin/exchange");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Exchange: identity and trust");
        assertThat(text()).contains("xa-central-authority");
        checkFullPage("admin-exchange");

        // A card that is not one: refused by its first step, the message next to the card, nothing pinned.
        chromium.type("card", "not.a.card");
        chromium.type("fingerprint", "0123456789abcdef".repeat(4));
        clickButton("Verify and pin");
        assertThat(browser.findElement(By.id("card-error")).getText()).contains("not a well-formed authority card");
        assertThat(browser.findElement(By.id("card")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("card")).getAttribute("aria-describedby"))
                .contains("card-error");
        assertThat(text()).contains("No pin.");
        check("admin-exchange-pin-errors");

        clickButton("Rotate the keys");
        assertThat(text()).contains("New signing and encryption keys are in use.");

        open("/admin/exchange?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        check("admin-exchange-ar");
        open("/exchange/refusals?lang=fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Refus d’échange et livraisons échouées");
        check("exchange-refusals-fr");
        open("/exchange/refusals?lang=en");
        check("exchange-refusals");
        signOut();
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
        chromium.type("reasons-0-explanation", "The request targets a journalist for expression.");
        clickButton("Record the decision");
    }

    private void signIn(Role role) {
        open("/login");
        chromium.type("username", TestAccounts.username(role));
        chromium.type("password", TestAccounts.PASSWORD);
        submit();
    }

    private void signOut() {
        clickAndWait(browser.findElement(By.cssSelector("form.signout button")));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
    }

    private void submit() {
        // The visible save button: not the hidden default one (Enter in a field), nor add/remove rows.
        clickAndWait(browser.findElement(
                By.cssSelector("main form button[type=submit]:not(.visually-hidden):not(.row-edit)")));
    }

    private void clickAndWait(WebElement element) {
        chromium.clickAndWait(element);
    }

    private void clickButton(String label) {
        clickAndWait(browser.findElement(By.xpath("//main//button[normalize-space()=\"" + label + "\"]")));
    }

    private String text() {
        return browser.findElement(By.tagName("main")).getText();
    }

    /** Saves a screenshot and fails on any serious or critical axe-core violation on the page. */
    /** Like {@link #check}, with the window as tall as the page so the screenshot shows all of it. */
    private void checkFullPage(String name) throws IOException {
        var size = browser.manage().window().getSize();
        var height = ((Number)
                        ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;"))
                .intValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), Math.min(height, 8000)));
        try {
            check(name);
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    private void check(String name) throws IOException {
        chromium.check(name);
    }
}
