package org.capsim.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its chromedriver, for tests of index.html as a user
 * opens it: from disk, with no network. The driver and browser are given explicitly, so
 * Selenium never tries to download one (this machine has no route to the internet).
 */
final class HeadlessChromium implements AutoCloseable {

    /** Why no browser test can run here, or empty when one can. */
    static Optional<String> unavailable() {
        if (executable("capsim.chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser") == null
                || executable("capsim.chromedriver", "/usr/bin/chromedriver") == null) {
            return Optional.of("headless Chromium not found (Debian packages chromium and chromium-driver; .ci/run installs "
                    + "them): browser test skipped");
        }
        return Optional.empty();
    }

    private static Path executable(String property, String... defaults) {
        List<String> candidates = new ArrayList<>();
        String given = System.getProperty(property);
        if (given != null) {
            candidates.add(given); // an explicit choice replaces the defaults
        } else {
            candidates.addAll(List.of(defaults));
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** What the browser saw on a page. */
    record PageCheck(List<String> brokenImages, List<String> consoleErrors, List<String> externalReferences,
            long images, boolean overflowsWidth) {
    }

    /** The elements whose right edge passes the window's, by tag and class: what makes a page scroll sideways. */
    @SuppressWarnings("unchecked")
    List<String> widerThanWindow() {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll('table, figure, pre, p'))"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth)"
                + ".map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
    }

    private final ChromeDriver driver;
    private final Path profile;

    HeadlessChromium(int width, int height) throws IOException {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // no CDP-version warnings in test output
        profile = Files.createTempDirectory("capsim-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("capsim.chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser").toFile());
        // as the machine's probe runs it: no sandbox (root in CI), and nothing that reaches for the network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("capsim.chromedriver", "/usr/bin/chromedriver").toString()))
                .withSilent(true).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Opens a page from disk and reports what did not work. */
    @SuppressWarnings("unchecked")
    PageCheck open(Path html) {
        driver.get(html.toAbsolutePath().toUri().toString());
        Object broken = driver.executeScript("return Array.from(document.images)"
                + ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt || i.id || i.src.slice(0, 60));");
        Object external = driver.executeScript("const out = [];"
                + "document.querySelectorAll('[src],[href]').forEach(e => {"
                + "  const v = e.getAttribute('src') || e.getAttribute('href');"
                + "  if (/^(https?:)?\\/\\//i.test(v)) out.push(e.tagName + ' ' + v); });"
                + "performance.getEntriesByType('resource').forEach(r => { if (/^https?:/.test(r.name)) out.push(r.name); });"
                + "return out;");
        long images = (Long) driver.executeScript("return document.images.length;");
        boolean overflows = (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth;");
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return new PageCheck((List<String>) broken, errors, (List<String>) external, images, overflows);
    }

    /** Makes the window {@code width} x {@code height} CSS pixels (the next {@link #open} lays the page out in it). */
    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** The text the page shows in the first element a CSS selector matches ("" when none does). */
    String text(String selector) {
        return (String) driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                selector);
    }

    /** How many elements match a CSS selector on the open page. */
    long count(String selector) {
        return (Long) driver.executeScript("return document.querySelectorAll(arguments[0]).length;", selector);
    }

    /** Saves the whole page (not just the window) as a PNG; returns the page's height in CSS pixels. */
    long screenshot(Path png) throws IOException {
        long width = (Long) driver.executeScript("return document.documentElement.scrollWidth;");
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        return height;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            ReportFolder.deleteTree(profile);
        }
    }
}
