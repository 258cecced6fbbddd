package org.comity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through chromium-driver, for the browser tests: a private profile
 * and download directory, and {@link #check} which saves a screenshot under {@code target/screenshots}
 * and fails on any serious or critical axe-core violation. Without chromium the tests are skipped, except
 * in CI (CI set), where that is a failure: .ci/run installs it.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("comity.test.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("comity.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final String AXE_RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(function (r) {
              done(r.violations
                .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                .map(function (v) {
                  return v.id + ' (' + v.impact + '): '
                    + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ');
                }));
            }).catch(function (e) { done(['axe failed: ' + e]); });
            """;

    /** How long a lookup waits for an element to appear before it fails. */
    private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(2);

    private final WebDriver driver;
    private final Path profile;
    private final Path downloads;
    private final String axe;

    private Chromium(WebDriver driver, Path profile, Path downloads, String axe) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
        this.axe = axe;
    }

    /** Starts a browser whose preferred language is {@code language} (an Accept-Language tag). */
    public static Chromium start(String language) throws IOException {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            var message = "browser tests need Debian's chromium and chromium-driver (" + BINARY + ", " + DRIVER
                    + "); install them with: apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message + " (skipped because CI is not set)");
        }
        String axe;
        try (var in = Chromium.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var profile = Files.createTempDirectory("comity-chromium");
        var downloads = Files.createTempDirectory("comity-downloads");
        var options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--lang=" + language,
                "--window-size=1280,1600",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false,
                        "safebrowsing.enabled", false));
        var driver = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .build(),
                options);
        driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        return new Chromium(driver, profile, downloads, axe);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * The elements matching {@code by} in {@code within} now, without the implicit wait: for counting or
     * asserting absence on a page that has loaded (after {@code get} or {@link #clickAndWait}). A lookup
     * that matches nothing otherwise waits the whole implicit wait (2 s) first; a test that lists a
     * page's sections paid that on every empty one. Not for what a script adds later.
     */
    public List<WebElement> present(SearchContext within, org.openqa.selenium.By by) {
        var timeouts = driver.manage().timeouts();
        timeouts.implicitlyWait(Duration.ZERO);
        try {
            return within.findElements(by);
        } finally {
            timeouts.implicitlyWait(IMPLICIT_WAIT);
        }
    }

    /** Where files the browser downloads land. */
    public Path downloads() {
        return downloads;
    }

    /**
     * Replaces what the input with this id holds by {@code value}, typed as a user would; a picker (a
     * select, such as the drafting form's States) gets the option whose value it is.
     */
    public void type(String id, String value) {
        var input = driver.findElement(org.openqa.selenium.By.id(id));
        if ("select".equals(input.getTagName())) {
            new org.openqa.selenium.support.ui.Select(input).selectByValue(value);
            return;
        }
        if ("date".equals(input.getAttribute("type"))) {
            // What a date input accepts from the keyboard follows the browser's locale (jj/mm/aaaa in
            // French): set the ISO value, as the picker does, and say it changed.
            ((JavascriptExecutor) driver)
                    .executeScript(
                            "arguments[0].value = arguments[1];"
                                    + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                            input,
                            value);
            return;
        }
        input.clear();
        input.sendKeys(value);
    }

    /** The bytes of a file the browser downloads as {@code name}, once it has fully landed (20 s at most). */
    public byte[] downloaded(String name) throws IOException, InterruptedException {
        Path file = downloads.resolve(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            // Chromium writes to name.crdownload and renames when done: the name alone means complete.
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                return Files.readAllBytes(file);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no download " + name + " in " + downloads);
    }

    /**
     * The page as PNG. A loaded 2-core machine has had chromedriver answer a screenshot with "aborted by
     * navigation: Not attached to an active page" on a page that had finished loading and has no script
     * (seen once in CI, ConsoleBrowserTest on /states/FR): the renderer was swapped under it. The picture
     * is only a record for people; the assertions are axe's and the test's, so it is taken again once the
     * document is complete rather than failing the walk.
     */
    private byte[] screenshot() {
        try {
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        } catch (org.openqa.selenium.TimeoutException e) {
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d ->
                            "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
    }

    /** Saves a screenshot of the page as {@code name.png} and fails on any serious or critical axe violation. */
    public void check(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), screenshot());
        var js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        @SuppressWarnings("unchecked")
        var violations = (List<String>) js.executeAsyncScript(AXE_RUN);
        assertThat(violations)
                .as("axe-core on %s (%s)", name, driver.getCurrentUrl())
                .isEmpty();
    }

    /**
     * Clicks something that loads a new page and waits until that page has loaded, so no assertion reads
     * the page that was left. The old document is marked before the click; the wait ends when a document
     * without the mark is complete. Waiting for the clicked element to go stale instead is racy: while
     * the old document is torn down chromedriver may answer "node does not belong to the document", an
     * unknown error rather than a stale element, and the wait would fail on it.
     */
    public void clickAndWait(WebElement element) {
        var js = (JavascriptExecutor) driver;
        js.executeScript("arguments[0].scrollIntoView({block: 'center'}); window.comityLeaving = true;", element);
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(WebDriverException.class)
                .until(d -> "complete"
                        .equals(((JavascriptExecutor) d)
                                .executeScript(
                                        "return window.comityLeaving === true ? 'leaving' : document.readyState;")));
    }

    @Override
    public void close() {
        driver.quit();
        for (Path dir : List.of(profile, downloads)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
