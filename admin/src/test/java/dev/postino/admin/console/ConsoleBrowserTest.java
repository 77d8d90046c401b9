package dev.postino.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.postino.admin.RecordedWebAdmin;
import dev.postino.admin.WebAdmin;
import dev.postino.admin.quarantine.Quarantine;

/**
 * The console in a real browser: Debian's headless Chromium, driven through its chromedriver by
 * Selenium, against WebAdmin's answers recorded on the real server (recording {@code console-session}).
 * Skipped, saying why, when Chromium or its driver is not installed:
 * {@code apt-get install chromium chromium-driver} (or point {@code -Dpostino.chromium} and
 * {@code -Dpostino.chromedriver} at them). Writes {@code target/console-list.png} and
 * {@code target/console-hostile.png}, the README's screenshots.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("postino.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("postino.chromedriver", "/usr/bin/chromedriver"));

    @TempDir
    Path profile;

    private RecordedWebAdmin webAdmin;
    private ConsoleServer console;
    private ChromeDriver browser;

    /** Selenium warns that it has no DevTools binding for this Chromium: the test needs none. */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    @BeforeAll
    static void aBrowserIsInstalled() {
        DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "no Chromium at " + CHROMIUM + " or no chromedriver at " + CHROMEDRIVER
                + ": the browser test is skipped (apt-get install chromium chromium-driver)");
    }

    @BeforeEach
    void open() throws Exception {
        webAdmin = RecordedWebAdmin.serving("console-session");
        Quarantine quarantine = new Quarantine(new WebAdmin(webAdmin.uri(), Optional.empty(), Duration.ofSeconds(30)),
            Quarantine.DEFAULT_REPOSITORY);
        console = ConsoleServer.start(quarantine, new ConsoleServer.Settings(new InetSocketAddress("127.0.0.1", 0),
            Optional.empty(), "var/mail/quarantine on WebAdmin http://127.0.0.1:8000", System.out));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--window-size=1360,900");
        // An alert stays open, so that noScriptRan() sees it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        console.stop();
        webAdmin.close();
    }

    private String page(String path) {
        return console.uri().resolve(path).toString();
    }

    private String released() {
        return webAdmin.recording().notes().get("release");
    }

    private String hostile() {
        return webAdmin.recording().notes().get("hostile");
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("table.mails tbody tr"));
    }

    private void noScriptRan() {
        assertThatThrownBy(() -> browser.switchTo().alert()).as("an alert opened").isInstanceOf(NoAlertPresentException.class);
        Object foreign = ((JavascriptExecutor) browser).executeScript(
            "return [...document.querySelectorAll('script, img, iframe, object, embed, style, svg, base, meta[http-equiv]')]"
                + ".map(e => e.outerHTML)"
                + ".concat([...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                + ".filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => a.name + '=' + a.value))");
        assertThat((List<?>) foreign).as("elements or handlers that came from a mail").isEmpty();
    }

    /**
     * Clicks what {@code target} finds and waits for the next page: a click that submits a form returns
     * before the browser has loaded the answer, and reading the URL or the rows then reads the old page.
     */
    private void navigate(By target) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                before.isEnabled();
            } catch (StaleElementReferenceException replaced) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("clicking " + target + " did not lead to a new page within 20 s");
    }

    private void screenshot(String name) throws IOException {
        Files.write(Path.of("target", name), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void listFilterOpenReleaseAndTheMessageLeavesTheList() throws IOException {
        browser.get(page("/"));
        int held = rows().size();
        assertThat(held).isGreaterThanOrEqualTo(3);
        screenshot("console-list.png");

        browser.findElement(By.id("q")).sendKeys("documenti di spedizione");
        navigate(By.cssSelector("form.filter button"));
        assertThat(rows()).singleElement().extracting(WebElement::getText).asString().contains(released());

        navigate(By.linkText(released()));
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo(released());
        assertThat(browser.findElement(By.cssSelector("table.findings")).getText()).contains("ENCRYPTED_CONTENT", "documenti.zip");

        navigate(By.linkText("Release…"));
        assertThat(browser.findElement(By.cssSelector("p.warning")).getText()).contains("delivered, attachments included");
        navigate(By.cssSelector("form button.release"));

        assertThat(browser.getCurrentUrl()).as(browser.getPageSource()).isEqualTo(page("/"));
        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).startsWith("Released " + released() + " to anna.bianchi@acme.example");
        assertThat(rows()).hasSize(held - 1).noneMatch(row -> row.getText().contains(released()));
        noScriptRan();

        // The hostile mail's delete button deletes that mail and nothing else.
        navigate(By.linkText(hostile()));
        noScriptRan();
        navigate(By.linkText("Delete…"));
        navigate(By.cssSelector("form button.delete"));
        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("Deleted " + hostile() + ".");
        assertThat(rows()).hasSize(held - 2);

        assertThat(webAdmin.unanswered()).isEmpty();
        assertThat(webAdmin.changesNotReplayed()).isEmpty();
    }

    @Test
    void aHostileMailCanNeitherRunScriptNorChangeWhatAButtonDoes() throws IOException {
        browser.get(page("/"));
        noScriptRan();
        WebElement row = rows().stream().filter(r -> r.getText().contains(hostile())).findFirst().orElseThrow();
        assertThat(row.getText()).contains("\"<script>alert(9)</script>", "<script>alert('subject')</script>");

        browser.get(page("/mail/" + hostile()));
        noScriptRan();
        screenshot("console-hostile.png");
        String facts = browser.findElement(By.cssSelector("table.facts")).getText();
        assertThat(facts).contains("<script>alert('subject')</script> \"><img src=x onerror=alert(1)> Fattura [U+202E]fdp.exe[U+200B]")
            .doesNotContain("\u202e", "\u200b");
        assertThat(browser.findElements(By.cssSelector("mark"))).extracting(WebElement::getText).contains("[U+202E]", "[U+200B]", "[40 spaces]");
        assertThat(browser.getTitle()).isEqualTo(hostile() + " · Postino");

        navigate(By.linkText("Delete…"));
        noScriptRan();
        List<WebElement> forms = browser.findElements(By.tagName("form"));
        assertThat(forms).singleElement().extracting(form -> form.getDomProperty("action")).isEqualTo(page("/mail/" + hostile() + "/delete"));
        assertThat(forms.get(0).getDomProperty("method")).isEqualTo("post");
        assertThat(forms.get(0).findElements(By.tagName("input"))).singleElement()
            .satisfies(input -> assertThat(input.getDomAttribute("name")).isEqualTo("csrf"))
            .satisfies(input -> assertThat(input.getDomAttribute("type")).isEqualTo("hidden"));
        assertThat(forms.get(0).findElements(By.tagName("button"))).singleElement()
            .satisfies(button -> assertThat(button.getText()).isEqualTo("Delete"));
        assertThat(webAdmin.received()).noneMatch(request -> request.startsWith("DELETE") || request.startsWith("PATCH"));
    }
}
