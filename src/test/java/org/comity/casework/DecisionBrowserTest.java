package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.domain.RequestContent;
import org.comity.testing.Chromium;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A decision through the console in headless Chromium (issue 13): the legal reviewer proposes a grant
 * with conditions, reasons and — the request naming no legal basis, so the treaty does not oblige — the
 * other basis (reciprocity) on that outcome's own form; the supervisor's page shows every element of
 * the proposal and approves exactly it; the request page then shows it all. Each page is checked with
 * axe-core ({@link Chromium#check}).
 */
@NodeTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {FictionalUncc.PROPERTY, "comity.casework.watch-enabled=false"})
class DecisionBrowserTest {

    static Chromium chromium;
    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    Casework casework;

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

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void aGrantWithConditionsOnReciprocityIsApprovedAsProposedAndShownWhole() throws Exception {
        var content = CaseworkApiTest.JSON.readValue(
                CaseworkApiTest.CONTENT.replace("\"legalBasis\": \"UNCC\",", ""), RequestContent.class);
        var request = casework.registerIncoming(
                KindOfAssistance.STORED_DATA, content, null, TestAccounts.username(Role.CASEWORKER));
        var id = request.id();
        casework.startReview(id, null, TestAccounts.username(Role.CASEWORKER));
        casework.recordConsultation(
                id,
                null,
                "Central Authority of Xanadu",
                "asked for the fraud file",
                TestAccounts.username(Role.CASEWORKER));

        signIn(Role.LEGAL_REVIEWER);
        open("/requests/" + id);
        clickAndWait(browser.findElement(By.linkText("Grant with conditions")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Grant with conditions");
        // Only this outcome's inputs: no refusal ground, no postponement date, no refused part.
        assertThat(browser.findElements(By.id("reasons-0-ground"))).isEmpty();
        assertThat(browser.findElements(By.id("until"))).isEmpty();
        assertThat(browser.findElements(By.id("refused"))).isEmpty();
        check("decision-form-conditions");

        // Without a condition: the problem sits on its input, and what was typed stays.
        chromium.type("reasons-0-explanation", "The requesting State assists us on the same terms.");
        submit();
        assertThat(text()).contains("State each condition");
        assertThat(browser.findElement(By.id("reasons-0-explanation")).getAttribute("value"))
                .isEqualTo("The requesting State assists us on the same terms.");
        check("decision-form-errors");

        chromium.type("conditions", "Use only in the fraud proceedings.\nNo onward transfer without consent.");
        browser.findElement(By.cssSelector("input[name='reasons[0].findings'][value='legal-basis-in-force']"))
                .click();
        new Select(browser.findElement(By.id("otherBasis-kind"))).selectByValue("RECIPROCITY");
        chromium.type("otherBasis-explanation", "Xanadu gave us subscriber data in 2025 without a treaty.");
        submit();
        assertThat(text()).contains("Decision awaiting approval").doesNotContain("State each condition");
        signOut();

        signIn(Role.SUPERVISOR);
        open("/requests/" + id);
        var proposal = browser.findElement(By.id("proposal")).getText();
        assertThat(proposal)
                .contains("Granted with conditions")
                .contains("Use only in the fraud proceedings.", "No onward transfer without consent.")
                .contains("The requesting State assists us on the same terms.")
                .contains("Legal basis in force")
                .contains("Reciprocity", "Xanadu gave us subscriber data in 2025 without a treaty.")
                .contains("Findings the proposal answers");
        assertThat(proposal).doesNotContain("Ground for refusal");
        check("decision-proposal");
        clickAndWait(browser.findElement(By.xpath("//main//button[normalize-space()=\"Approve the decision\"]")));
        assertThat(text()).contains("Decision approved");

        var decision = browser.findElement(By.id("decision")).getText();
        assertThat(decision)
                .contains("Granted with conditions")
                .contains("Use only in the fraud proceedings.", "No onward transfer without consent.")
                .contains("The requesting State assists us on the same terms.")
                .contains("Reciprocity", "Xanadu gave us subscriber data in 2025 without a treaty.")
                .contains("Approved by " + TestAccounts.username(Role.SUPERVISOR));
        assertThat(text()).contains("on another basis");
        check("decision-approved");
        assertThat(casework.get(id).state().code()).isEqualTo("granted-with-conditions");
        assertThat(List.of(casework.auditTrail(id).getLast().action()))
                .singleElement()
                .asString()
                .contains("on another basis (reciprocity)");
    }

    @Test
    void anIncomingPaperRequestIsRegisteredWithItsChannelReferencesAndReceiptDocument() throws Exception {
        var receipt = java.nio.file.Files.createTempFile("receipt", ".pdf");
        java.nio.file.Files.writeString(receipt, "%PDF-1.4\n% letter of request received by post\n");
        signIn(Role.CASEWORKER);
        open("/requests/incoming/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        new Select(browser.findElement(By.id("channel"))).selectByValue("PAPER");
        chromium.type("counterpartReference", "XB/PG/2026-88");
        browser.findElement(By.id("receipt")).sendKeys(receipt.toString());
        chromium.type("requestingName", "Prosecutor General of Xebia");
        chromium.type("requestingState", "XB");
        chromium.type("requestedName", "Central Authority of Xanadu");
        chromium.type("requestedState", "XA");
        chromium.type("offences[0].domesticProvision", "Penal Code s. 301");
        check("register-incoming-paper");
        clickAndWait(browser.findElement(By.id("save")));

        var page = text();
        assertThat(page)
                .contains("Paper")
                .contains("XB/PG/2026-88")
                .contains(receipt.getFileName().toString());
        check("request-incoming-paper");
        var stored = casework.list(new RequestQuery(
                        null, null, null, null, null, null, "Penal Code s. 301", 0, 5, RequestQuery.Sort.CREATED, true))
                .items()
                .getFirst();
        assertThat(stored.correspondence().channel()).isEqualTo(org.comity.casework.domain.Channel.PAPER);
        assertThat(stored.correspondence().counterpartReference()).isEqualTo("XB/PG/2026-88");
        assertThat(stored.reference()).isPresent();
        assertThat(page).contains(stored.reference().get());
        signOut();
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

    private void submit() {
        clickAndWait(browser.findElement(
                By.cssSelector("main form button[type=submit]:not(.visually-hidden):not(.row-edit)")));
    }

    private void clickAndWait(org.openqa.selenium.WebElement element) {
        chromium.clickAndWait(element);
    }

    private String text() {
        return browser.findElement(By.tagName("main")).getText();
    }

    private void check(String name) throws IOException {
        chromium.check(name);
    }
}
