package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Pattern;
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
 * The console in Arabic in a real Chromium: the layout mirrors (the brand on the right), while identifiers
 * and times still read left to right; each main page passes axe-core and is saved as {@code *-ar.png}
 * under {@code target/screenshots/}. Same browser setup and skip rule as {@link ConsoleBrowserTest}.
 */
@NodeTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = FictionalUncc.PROPERTY)
class ArabicBrowserTest {

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser("ar");

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void theConsoleInArabic() throws IOException {
        browser.open("/?lang=ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(x(By.cssSelector(".brand")))
                .as("the brand sits on the right in right-to-left")
                .isGreaterThan(x(By.cssSelector(".tools")));
        browser.check("home-ar");

        browser.open("/login");
        browser.check("login-ar");
        browser.type("username", TestAccounts.username(Role.CASEWORKER));
        browser.type("password", TestAccounts.PASSWORD);
        browser.clickAndWait(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("لوحة المتابعة");

        browser.open("/requests/incoming/new");
        new Select(browser.findElement(By.id("kind"))).selectByValue("STORED_DATA");
        browser.type("requestingName", "Office of the Prosecutor");
        browser.type("requestingState", "XA");
        browser.type("requestedName", "Central authority");
        browser.type("requestedState", "XB");
        new Select(browser.findElement(By.id("subjects[0].identifiers[0].type"))).selectByValue("EMAIL");
        browser.type("subjects[0].identifiers[0].value", "user-7@example.org");
        assertThat(leftOf(By.id("subjects[0].identifiers[0].value"), "user", "7"))
                .as("what the user types reads left to right")
                .isTrue();
        browser.check("incoming-ar");
        // The visible save button: not the hidden default one, nor the add/remove-row buttons.
        browser.clickAndWait(browser.findElement(
                By.cssSelector("main form button[type=submit]:not(.visually-hidden):not(.row-edit)")));

        assertThat(browser.getCurrentUrl()).matches(".*/requests/[0-9a-f-]+$");
        var identifier = browser.findElement(By.xpath("//main//span[normalize-space()='user-7@example.org']"));
        assertThat(leftOf(identifier, "user", "7"))
                .as("an e-mail address in Arabic text keeps its order")
                .isTrue();
        var created = browser.findElement(By.cssSelector(".timeline time"));
        assertThat(leftOf(created, "20", "UTC"))
                .as("a time reads left to right")
                .isTrue();
        browser.check("request-ar");

        browser.open("/requests");
        var due = browser.findElement(By.cssSelector("#results tbody time"));
        assertThat(leftOf(due, "20", "UTC")).isTrue();
        browser.check("requests-ar");
        browser.open("/requests/new");
        browser.check("draft-ar");
        browser.open("/treaties");
        browser.check("treaties-ar");
        browser.open("/treaties/legal-basis?a=XA&b=XB");
        browser.check("legal-basis-ar");
        browser.open("/states");
        browser.check("states-ar");
        browser.open("/states/FR");
        var asOf = browser.findElement(By.cssSelector("main > p.muted"));
        var date = Pattern.compile("(\\d{4})-\\d{2}-(\\d{2})").matcher(asOf.getText());
        assertThat(date.find()).isTrue();
        assertThat(leftOf(asOf, date.group(1), date.group(2)))
                .as("a date inside an Arabic message reads left to right: %s", asOf.getText())
                .isTrue();
        browser.check("state-profile-ar");
        browser.open("/console?lang=en");
    }

    private long x(By by) {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript("return arguments[0].getBoundingClientRect().left;", browser.findElement(by)))
                .longValue();
    }

    private boolean leftOf(By by, String first, String second) {
        return leftOf(browser.findElement(by), first, second);
    }

    /**
     * Whether {@code first} is drawn to the left of the last {@code second} in the element's text (or, for an
     * input, in its value as laid out by a mirror element with the input's computed style).
     */
    private boolean leftOf(WebElement element, String first, String second) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("""
                var el = arguments[0], a = arguments[1], b = arguments[2], node = el, mirror = null;
                if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
                  var style = getComputedStyle(el);
                  mirror = document.createElement('div');
                  mirror.style.direction = style.direction;
                  mirror.style.unicodeBidi = style.unicodeBidi;
                  mirror.style.font = style.font;
                  mirror.textContent = el.value;
                  el.parentNode.appendChild(mirror);
                  node = mirror;
                }
                var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), text;
                while ((text = walker.nextNode()) && text.data.indexOf(a) < 0) {}
                var rect = function (s, last) {
                  var i = last ? text.data.lastIndexOf(s) : text.data.indexOf(s), r = document.createRange();
                  r.setStart(text, i); r.setEnd(text, i + s.length);
                  return r.getBoundingClientRect().left;
                };
                var result = rect(a, false) < rect(b, true);
                if (mirror) { mirror.remove(); }
                return result;
                """, element, first, second);
    }
}
