package org.comity.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.comity.accounts.Role;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The browser tests' kit: one headless {@link Chromium} for the test class, pointed at the node the
 * class serves on its random port, with the console's own moves (sign in with a {@link TestAccounts}
 * role, submit the page's form, press a button by its label, sign out), each waiting for the next page.
 * It is the browser itself ({@link WebDriver}, {@link JavascriptExecutor}), so a test reads the page
 * as it would with the driver. Register it in the class:
 *
 * <pre>{@code @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser("en-GB");}</pre>
 *
 * The port is read from the test's Spring context before each test, so the class must serve on a random
 * port ({@code @SpringBootTest(webEnvironment = RANDOM_PORT)}).
 */
public final class ConsoleBrowser
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, WebDriver, JavascriptExecutor {

    /** The visible save button: not the hidden default one (Enter in a field), nor add/remove rows. */
    private static final By SUBMIT =
            By.cssSelector("main form button[type=submit]:not(.visually-hidden):not(.row-edit)");

    private final String language;
    private Chromium chromium;
    private int port;

    /** @param language the browser's preferred language, an Accept-Language tag */
    public ConsoleBrowser(String language) {
        this.language = language;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        chromium = Chromium.start(language);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        port = SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class);
    }

    public Chromium chromium() {
        return chromium;
    }

    public int port() {
        return port;
    }

    /** The node's address of {@code path}. */
    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Loads the node's page at {@code path}; returns once its document is complete. */
    public void open(String path) {
        get(url(path));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Signs in on the login page as the {@link TestAccounts} account of the role. */
    public void signIn(Role role) {
        open("/login");
        type("username", TestAccounts.username(role));
        type("password", TestAccounts.PASSWORD);
        submit();
    }

    /** Signs out with the masthead's button. */
    public void signOut() {
        clickAndWait(findElement(By.cssSelector("form.signout button")));
    }

    /** Submits the page's form with its visible submit button and waits for the next page. */
    public void submit() {
        clickAndWait(findElement(SUBMIT));
    }

    /** Presses the button of the main content labelled {@code label} and waits for the next page. */
    public void clickButton(String label) {
        clickAndWait(findElement(By.xpath("//main//button[normalize-space()=\"" + label + "\"]")));
    }

    /** See {@link Chromium#clickAndWait}. */
    public void clickAndWait(WebElement element) {
        chromium.clickAndWait(element);
    }

    /** See {@link Chromium#type}. */
    public void type(String id, String value) {
        chromium.type(id, value);
    }

    /** The text of the page's main content. */
    public String text() {
        return findElement(By.tagName("main")).getText();
    }

    /** See {@link Chromium#check}. */
    public void check(String name) throws IOException {
        chromium.check(name);
    }

    /** Like {@link #check}, with the window as tall as the page so the screenshot shows all of it. */
    public void checkFullPage(String name) throws IOException {
        var size = manage().window().getSize();
        var height = ((Number) executeScript("return document.documentElement.scrollHeight;")).intValue();
        manage().window().setSize(new Dimension(size.getWidth(), Math.min(height, 8000)));
        try {
            check(name);
        } finally {
            manage().window().setSize(size);
        }
    }

    /** See {@link Chromium#present}. */
    public List<WebElement> present(By by) {
        return chromium.present(chromium.driver(), by);
    }

    // The browser itself, for what a test reads from the page.

    @Override
    public void get(String url) {
        chromium.driver().get(url);
    }

    @Override
    public String getCurrentUrl() {
        return chromium.driver().getCurrentUrl();
    }

    @Override
    public String getTitle() {
        return chromium.driver().getTitle();
    }

    @Override
    public List<WebElement> findElements(By by) {
        return chromium.driver().findElements(by);
    }

    @Override
    public WebElement findElement(By by) {
        return chromium.driver().findElement(by);
    }

    @Override
    public String getPageSource() {
        return chromium.driver().getPageSource();
    }

    /** The browser lives as long as the test class; closing it here would end every later test. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("the kit closes the browser after the test class");
    }

    @Override
    public void quit() {
        throw new UnsupportedOperationException("the kit closes the browser after the test class");
    }

    @Override
    public Set<String> getWindowHandles() {
        return chromium.driver().getWindowHandles();
    }

    @Override
    public String getWindowHandle() {
        return chromium.driver().getWindowHandle();
    }

    @Override
    public TargetLocator switchTo() {
        return chromium.driver().switchTo();
    }

    @Override
    public Navigation navigate() {
        return chromium.driver().navigate();
    }

    @Override
    public Options manage() {
        return chromium.driver().manage();
    }

    @Override
    public Object executeScript(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver()).executeScript(script, args);
    }

    @Override
    public Object executeAsyncScript(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver()).executeAsyncScript(script, args);
    }
}
