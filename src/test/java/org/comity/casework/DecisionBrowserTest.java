package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.domain.RequestContent;
import org.comity.testing.ConsoleBrowser;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
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

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser("en-GB");

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    Casework casework;

    @Autowired
    MessageSource messages;

    static final List<String> LANGUAGES = List.of("en", "fr", "ar");
    static final LocalDate UNTIL = LocalDate.of(2099, 9, 30);

    /**
     * One outcome's walk: the request's content, the language the legal reviewer proposes in, what is
     * typed into the form (input id → value), the refusal grounds chosen, in reason order, and which
     * finding (by its position among the form's check boxes) each reason rests on.
     */
    record Walk(
            String outcome,
            String content,
            String language,
            Map<String, String> typed,
            List<String> grounds,
            List<Integer> findings) {}

    /** A request about a journalist: a concern, so every decision on it needs a supervisor's approval. */
    static final String CONCERNED = CaseworkApiTest.CONTENT.replace(
            "\"role\": \"ACCOUNT_HOLDER\",", "\"role\": \"ACCOUNT_HOLDER\", \"protectedRoles\": [\"JOURNALIST\"],");

    static List<Walk> walks() {
        var reason = "The data are held here and the request is in order.";
        return List.of(
                new Walk("granted", CONCERNED, "en", Map.of("reasons-0-explanation", reason), List.of(), List.of(0)),
                new Walk(
                        "granted-with-conditions",
                        CONCERNED,
                        "fr",
                        ordered(
                                "conditions", "Use only in the fraud proceedings.\nNo onward transfer without consent.",
                                "reasons-0-explanation", "Speciality protects the account holder."),
                        List.of(),
                        List.of()),
                new Walk(
                        "partially-granted",
                        CONCERNED,
                        "ar",
                        ordered(
                                "granted", "Subscriber data for January.",
                                "refused", "Traffic data for February.",
                                "reasons-0-explanation", "Not an offence here.",
                                "reasons-1-explanation", "The retention period has passed."),
                        List.of("NO_DUAL_CRIMINALITY", "DATA_PROTECTION"),
                        List.of()),
                new Walk(
                        "postponed",
                        CONCERNED,
                        "fr",
                        ordered("reason", "A domestic investigation would be prejudiced.", "until", UNTIL.toString()),
                        List.of(),
                        List.of(0)),
                new Walk(
                        "refused",
                        CaseworkSafeguardsTest.ABUSIVE,
                        "ar",
                        ordered(
                                "reasons-0-explanation", "Criticism of the armed forces is not an offence here.",
                                "reasons-1-explanation", "The person sought is a writer."),
                        List.of("ESSENTIAL_INTERESTS", "PERSECUTION"),
                        List.of(0, 1)));
    }

    private static Map<String, String> ordered(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @BeforeEach
    void users() {
        browser.open("/?lang=en"); // the walks leave the language cookie at another language
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

        browser.signIn(Role.LEGAL_REVIEWER);
        browser.open("/requests/" + id);
        browser.clickAndWait(browser.findElement(By.linkText("Grant with conditions")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Grant with conditions");
        // Only this outcome's inputs: no refusal ground, no postponement date, no refused part.
        assertThat(browser.present(By.id("reasons-0-ground"))).isEmpty();
        assertThat(browser.present(By.id("until"))).isEmpty();
        assertThat(browser.present(By.id("refused"))).isEmpty();
        browser.check("decision-form-conditions");

        // Without a condition: the problem sits on its input, and what was typed stays.
        browser.type("reasons-0-explanation", "The requesting State assists us on the same terms.");
        browser.submit();
        assertThat(browser.text()).contains("State each condition");
        assertThat(browser.findElement(By.id("reasons-0-explanation")).getAttribute("value"))
                .isEqualTo("The requesting State assists us on the same terms.");
        browser.check("decision-form-errors");

        browser.type("conditions", "Use only in the fraud proceedings.\nNo onward transfer without consent.");
        browser.findElement(By.cssSelector("input[name='reasons[0].findings'][value='legal-basis-in-force']"))
                .click();
        new Select(browser.findElement(By.id("otherBasis-kind"))).selectByValue("RECIPROCITY");
        browser.type("otherBasis-explanation", "Xanadu gave us subscriber data in 2025 without a treaty.");
        browser.submit();
        assertThat(browser.text()).contains("Decision awaiting approval").doesNotContain("State each condition");
        browser.signOut();

        browser.signIn(Role.SUPERVISOR);
        browser.open("/requests/" + id);
        var proposal = browser.findElement(By.id("proposal")).getText();
        assertThat(proposal)
                .contains("Granted with conditions")
                .contains("Use only in the fraud proceedings.", "No onward transfer without consent.")
                .contains("The requesting State assists us on the same terms.")
                .contains("Legal basis in force")
                .contains("Reciprocity", "Xanadu gave us subscriber data in 2025 without a treaty.")
                .contains("Findings the proposal answers");
        assertThat(proposal).doesNotContain("Ground for refusal");
        browser.check("decision-proposal");
        browser.clickAndWait(
                browser.findElement(By.xpath("//main//button[normalize-space()=\"Approve the decision\"]")));
        assertThat(browser.text()).contains("Decision approved");

        var decision = browser.findElement(By.id("decision")).getText();
        assertThat(decision)
                .contains("Granted with conditions")
                .contains("Use only in the fraud proceedings.", "No onward transfer without consent.")
                .contains("The requesting State assists us on the same terms.")
                .contains("Reciprocity", "Xanadu gave us subscriber data in 2025 without a treaty.")
                .contains("Approved by " + TestAccounts.username(Role.SUPERVISOR));
        assertThat(browser.text()).contains("on another basis");
        browser.check("decision-approved");
        assertThat(casework.get(id).state().code()).isEqualTo("granted-with-conditions");
        assertThat(List.of(casework.auditTrail(id).getLast().action()))
                .singleElement()
                .asString()
                .contains("on another basis (reciprocity)");
    }

    /**
     * Issue 13's walk for every outcome in one browser: the legal reviewer proposes on the outcome's form
     * (each in one of the three languages); the supervisor reads the proposal in English, French and
     * Arabic — every element, under labels in that language, the Arabic page mirrored — and approves it;
     * the request page then shows the same elements in each language and the decision letter, downloaded
     * from its form in each language, says them too.
     */
    @Test
    void everyOutcomeIsProposedSeenWholeApprovedAndShownInEachLanguageAndItsLetter() throws Exception {
        for (var walk : walks()) {
            var content = CaseworkApiTest.JSON.readValue(walk.content(), RequestContent.class);
            var id = casework.registerIncoming(
                            KindOfAssistance.STORED_DATA, content, null, TestAccounts.username(Role.CASEWORKER))
                    .id();
            casework.startReview(id, null, TestAccounts.username(Role.CASEWORKER));
            casework.recordConsultation(
                    id,
                    null,
                    "Central Authority of Xanadu",
                    "asked whether the request could be narrowed",
                    TestAccounts.username(Role.CASEWORKER));
            var proposed = propose(id, walk);

            browser.signIn(Role.SUPERVISOR);
            for (var lang : LANGUAGES) {
                browser.open("/requests/" + id + "?lang=" + lang);
                shownWhole(browser.findElement(By.id("proposal")), walk, proposed, locale(lang), true);
                axeIn(walk, lang, "walk-" + walk.outcome() + "-proposal-" + lang);
            }
            browser.open("/requests/" + id + "?lang=" + walk.language());
            browser.clickAndWait(
                    browser.findElement(By.xpath("//form[input[@name='proposal']]//button[@type='submit']")));
            assertThat(casework.get(id).state().code()).isEqualTo(walk.outcome());
            for (var lang : LANGUAGES) {
                browser.open("/requests/" + id + "?lang=" + lang);
                var decision = browser.findElement(By.id("decision"));
                shownWhole(decision, walk, proposed, locale(lang), false);
                assertThat(decision.getText())
                        .contains(message("request.approvedBy", lang, TestAccounts.username(Role.SUPERVISOR)));
                axeIn(walk, lang, "walk-" + walk.outcome() + "-decided-" + lang);
                letterSays(id, walk, proposed, lang);
            }
            browser.signOut();
        }
    }

    /**
     * axe-core on a page in the walk's own language only: the three languages share the templates, and
     * the walk covers each language with some outcome (an axe run costs a second or more).
     */
    private void axeIn(Walk walk, String lang, String name) throws IOException {
        if (lang.equals(walk.language())) {
            browser.check(name);
        }
    }

    /** The titles of the findings each reason was made to rest on, and the findings the form offered. */
    record Proposed(List<List<String>> reasonFindings, List<String> answers) {}

    private Proposed propose(java.util.UUID id, Walk walk) throws IOException {
        browser.signIn(Role.LEGAL_REVIEWER);
        browser.open("/requests/" + id + "/decision/" + walk.outcome() + "?lang=" + walk.language());
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo(message("decision.form." + walk.outcome(), walk.language()));
        walk.typed().forEach(browser::type);
        for (int i = 0; i < walk.grounds().size(); i++) {
            new Select(browser.findElement(By.id("reasons-" + i + "-ground")))
                    .selectByValue(walk.grounds().get(i));
        }
        var offered = browser.present(By.cssSelector("input[type=checkbox][name$='findings']")).stream()
                .map(box -> box.getAttribute("value"))
                .distinct()
                .toList();
        var reasonFindings = new ArrayList<List<String>>();
        for (int i = 0; i < walk.findings().size(); i++) {
            int n = walk.findings().get(i);
            if (n >= offered.size()) {
                reasonFindings.add(List.of());
                continue;
            }
            var name = walk.outcome().equals("postponed") ? "findings" : "reasons[" + i + "].findings";
            browser.findElement(By.cssSelector("input[name='" + name + "'][value='" + offered.get(n) + "']"))
                    .click();
            reasonFindings.add(List.of(offered.get(n)));
        }
        if (walk.outcome().equals("refused")) {
            // The abusive request has findings to answer: the refusal names two of them.
            assertThat(reasonFindings).allSatisfy(f -> assertThat(f).hasSize(1));
        }
        browser.check("walk-" + walk.outcome() + "-form-" + walk.language());
        browser.submit();
        assertThat(browser.findElements(By.id("proposal")))
                .as("%s proposed: %s", walk.outcome(), browser.text())
                .hasSize(1);
        browser.signOut();
        var awaiting = (org.comity.casework.domain.RequestState.AwaitingDecisionApproval)
                casework.get(id).state();
        return new Proposed(reasonFindings, awaiting.answers());
    }

    /** Every element of the walk's decision in {@code section}, under that language's labels. */
    private void shownWhole(
            org.openqa.selenium.WebElement section, Walk walk, Proposed proposed, Locale locale, boolean proposal) {
        var lang = locale.getLanguage();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir"))
                .isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
        var labels = new ArrayList<String>(List.of(message("field.outcome", lang)));
        switch (walk.outcome()) {
            case "granted-with-conditions" -> labels.add(message("decision.conditions", lang));
            case "partially-granted" ->
                labels.addAll(List.of(message("field.part.granted", lang), message("field.part.refused", lang)));
            case "postponed" -> labels.add(message("field.until", lang));
            default -> {}
        }
        assertThat(texts(section, ".decision-summary > dl > dt")).as(lang).isEqualTo(labels);
        var headings = new ArrayList<String>(List.of(message("decision.reasons", lang)));
        if (proposal) {
            headings.add(message("decision.answers", lang));
        }
        assertThat(texts(section, ".decision-summary > h3")).as(lang).isEqualTo(headings);
        assertThat(texts(section, ".decision-outcome")).containsExactly(message("state." + walk.outcome(), lang));
        assertThat(texts(section, ".decision-ground"))
                .as(lang)
                .containsExactlyElementsOf(walk.grounds().stream()
                        .map(g -> message("ground." + g, lang))
                        .toList());
        var explanations = walk.typed().entrySet().stream()
                .filter(e -> e.getKey().endsWith("-explanation") || e.getKey().equals("reason"))
                .map(Map.Entry::getValue)
                .toList();
        assertThat(texts(section, ".decision-explanation")).containsExactlyElementsOf(explanations);
        if (walk.typed().containsKey("conditions")) {
            assertThat(texts(section, ".decision-conditions li"))
                    .containsExactly(walk.typed().get("conditions").split("\n"));
        }
        if (walk.typed().containsKey("granted")) {
            assertThat(texts(section, ".decision-granted"))
                    .containsExactly(walk.typed().get("granted"));
            assertThat(texts(section, ".decision-refused"))
                    .containsExactly(walk.typed().get("refused"));
        }
        if (walk.typed().containsKey("until")) {
            assertThat(section.findElement(By.cssSelector(".decision-until time"))
                            .getAttribute("datetime"))
                    .isEqualTo(UNTIL.toString());
        }
        // Each reason's findings, by their titles in this language, with the rule.
        var restsOn = texts(section, ".decision-findings");
        var named = proposed.reasonFindings().stream().filter(f -> !f.isEmpty()).toList();
        assertThat(restsOn).as(lang).hasSameSizeAs(named);
        for (int i = 0; i < named.size(); i++) {
            for (var rule : named.get(i)) {
                assertThat(restsOn.get(i)).contains(message("decision.restsOn", lang), title(rule, lang), rule);
            }
        }
        if (proposal) {
            assertThat(texts(section, ".decision-answers li span"))
                    .as(lang)
                    .containsExactlyElementsOf(
                            proposed.answers().stream().map(r -> title(r, lang)).toList());
        }
        // Right to left in Arabic: each label stands to the right of its value, and the other way round.
        var dt = section.findElement(By.cssSelector(".decision-summary > dl > dt"))
                .getRect();
        var dd = section.findElement(By.cssSelector(".decision-summary > dl > dd"))
                .getRect();
        if (lang.equals("ar")) {
            assertThat(dt.getX()).as("label right of its value").isGreaterThan(dd.getX());
        } else {
            assertThat(dt.getX()).isLessThan(dd.getX());
        }
    }

    private void letterSays(java.util.UUID id, Walk walk, Proposed proposed, String lang) throws Exception {
        new Select(browser.findElement(By.id("decision-letter-lang"))).selectByValue(lang);
        browser.findElement(By.xpath("//form[.//select[@id='decision-letter-lang']]//button[@type='submit']"))
                .click();
        // Named after this node's reference, which the letter quotes.
        var name =
                "decision-" + casework.get(id).reference().orElseThrow() + "-" + walk.outcome() + "-" + lang + ".pdf";
        String letter;
        try (var pdf = Loader.loadPDF(browser.chromium().downloaded(name))) {
            letter = new PDFTextStripper().getText(pdf);
        }
        var says = new ArrayList<String>(List.of(message("letter.decision.subject." + walk.outcome(), lang)));
        walk.typed().entrySet().stream()
                .filter(e -> !e.getKey().equals("until"))
                .flatMap(e -> java.util.Arrays.stream(e.getValue().split("\n")))
                .forEach(says::add);
        walk.grounds().forEach(g -> says.add(message("ground." + g, lang)));
        if (walk.typed().containsKey("until")) {
            says.add(DateTimeFormatter.ofPattern("MMMM", locale(lang)).format(UNTIL));
        }
        assertThat(letter).as("%s letter in %s", walk.outcome(), lang).contains(says);
        // Only the decision: findings' rule ids stay in the console.
        for (var f : proposed.reasonFindings()) {
            f.forEach(rule -> assertThat(letter).doesNotContain(rule));
        }
        if (walk.typed().containsKey("until") && !lang.equals("ar")) {
            assertThat(letter)
                    .contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                            .withLocale(locale(lang))
                            .format(UNTIL));
        }
    }

    /** The texts of what {@code css} matches in the section, on a page that has loaded; none at once if none. */
    private static List<String> texts(org.openqa.selenium.WebElement section, String css) {
        return browser.chromium().present(section, By.cssSelector(css)).stream()
                .map(e -> e.getText().strip())
                .toList();
    }

    private String title(String rule, String lang) {
        return messages.getMessage("finding.title." + rule, null, rule, locale(lang));
    }

    private String message(String key, String lang, Object... args) {
        return messages.getMessage(key, args, locale(lang));
    }

    private static Locale locale(String lang) {
        return Locale.forLanguageTag(lang);
    }

    @Test
    void anIncomingPaperRequestIsRegisteredWithItsChannelReferencesAndReceiptDocument() throws Exception {
        var receipt = java.nio.file.Files.createTempFile("receipt", ".pdf");
        java.nio.file.Files.writeString(receipt, "%PDF-1.4\n% letter of request received by post\n");
        browser.signIn(Role.CASEWORKER);
        browser.open("/requests/incoming/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        new Select(browser.findElement(By.id("channel"))).selectByValue("PAPER");
        browser.type("counterpartReference", "XB/PG/2026-88");
        browser.findElement(By.id("receipt")).sendKeys(receipt.toString());
        browser.type("requestingName", "Prosecutor General of Xebia");
        browser.type("requestingState", "XB");
        browser.type("requestedName", "Central Authority of Xanadu");
        browser.type("requestedState", "XA");
        browser.type("offences[0].domesticProvision", "Penal Code s. 301");
        browser.check("register-incoming-paper");
        browser.clickAndWait(browser.findElement(By.id("save")));

        var page = browser.text();
        assertThat(page)
                .contains("Paper")
                .contains("XB/PG/2026-88")
                .contains(receipt.getFileName().toString());
        browser.check("request-incoming-paper");
        var stored = casework.list(new RequestQuery(
                        null, null, null, null, null, null, "Penal Code s. 301", 0, 5, RequestQuery.Sort.CREATED, true))
                .items()
                .getFirst();
        assertThat(stored.correspondence().channel()).isEqualTo(org.comity.casework.domain.Channel.PAPER);
        assertThat(stored.correspondence().counterpartReference()).isEqualTo("XB/PG/2026-88");
        assertThat(stored.reference()).isPresent();
        assertThat(page).contains(stored.reference().get());
        browser.signOut();
    }
}
