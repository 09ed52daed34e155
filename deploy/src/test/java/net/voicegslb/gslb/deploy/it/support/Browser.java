package net.voicegslb.gslb.deploy.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (both found by {@link ExternalTool},
 * nothing downloaded): a fresh profile per browser, a 1366×768 window (the smallest screen the
 * dashboard is made for), screenshots into {@code target/screenshots}. The flags keep Chromium from
 * reaching for Google's services, which a closed build machine refuses.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Path chromedriver = ExternalTool.require("chromedriver", "chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("gslb-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1366,768", "--user-data-dir=" + profile,
                // for memory checks: window.gc() and exact performance.memory figures
                "--js-flags=--expose-gc", "--enable-precise-memory-info");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits for {@code condition}; on timeout the message has the page's address and text. */
    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        try {
            // the page rebuilds its tables on every push: an element found a moment ago may be gone
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String text;
            try {
                text = driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
            } catch (RuntimeException x) {
                text = "(no page text: " + x.getMessage() + ")";
            }
            throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms; the page at "
                    + driver.getCurrentUrl() + " shows:\n" + text, e);
        }
    }

    /**
     * The text of the first element matching {@code css}, or null, read in one script run: the page
     * cannot replace it half-way, as it can between a find and a getText.
     */
    public String text(String css) {
        return (String) driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
    }

    /** An attribute of the first element matching {@code css}, or null, read in one script run. */
    public String attribute(String css, String name) {
        return (String) driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
    }

    /** Clicks the element matching {@code css}, finding it again if the page replaced it meanwhile. */
    public void click(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                find(css).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The page's JavaScript heap in use after a full collection, and its element count. */
    public long[] heapAndNodes() {
        @SuppressWarnings("unchecked")
        java.util.List<Object> r = (java.util.List<Object>) driver.executeScript(
                "window.gc(); window.gc(); return [performance.memory.usedJSHeapSize,"
                        + " document.getElementsByTagName('*').length];");
        return new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue()};
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    public Object asyncScript(String js, Object... args) {
        return driver.executeAsyncScript(js, args);
    }

    /** Scrolls {@code css} to the middle of the window, then saves the screenshot. */
    public Path screenshot(String name, String css) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", find(css));
        return screenshot(name);
    }

    /** Saves the page as {@code target/screenshots/NAME.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Fixtures.deleteTree(profile);
        }
    }
}
