package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.capsim.cli.Main;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index.html opened from disk in headless Chromium, as a planner opens it: every chart image
 * loads, nothing is fetched from the network, the console stays free of errors, and the tables
 * are there. Full-page screenshots go to target/browser/ for a person to look at.
 */
class IndexPageBrowserTest {

    private static final String SCENARIO = """
            name: browser-check
            description: Azure holds a ROFR; Oracle takes what it refuses
            start: 2025-01-01
            horizon: 2025-06-30
            seed: 9
            replications: 3
            gpu-types: { H100: { peak-tflops: 989, kw-per-gpu: 1.5 }, GB200: { peak-tflops: 2500, kw-per-gpu: 2.2 } }
            providers: { azure: { name: Microsoft Azure, price-per-gpu-hour: 4 }, oracle: { name: Oracle, price-per-gpu-hour: 3 } }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 512 } ],
                  power: [ { date: 2024-12-01, megawatts: 0.5 }, { date: 2025-03-01, megawatts: 0.8 } ],
                  electricity-usd-per-mwh: 45, grid-gco2-per-kwh: 300 }
              - { id: oracle-oci, provider: oracle, build-out: [ { date: 2025-02-01, gpu-type: GB200, gpus: 256,
                                                                  delay-days: { uniform: [0, 30] } } ] }
            demand:
              - { class: train, kind: sized, arrivals-per-day: 24, gpus: { choice: { 8: 0.5, 64: 0.4, 256: 0.1 } },
                  hours: { exponential: { mean: 14 } }, patience-days: { exponential: { mean: 3 } },
                  budget-usd-per-year: [ { date: 2025-01-01, usd: 2.0e+7 } ] }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 0.5, max-start-delay-days: 2 }
            """;
    /** A laptop's window. */
    private static final int WIDTH = 1366;
    private static final Path SCREENSHOTS = Path.of("target", "browser");

    private static HeadlessChromium browser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        Optional<String> why = HeadlessChromium.unavailable();
        if (why.isPresent()) {
            System.err.println("capsim: " + why.get()); // shows in the CI log, not only in the surefire report
        }
        Assumptions.assumeTrue(why.isEmpty(), why.orElse(""));
        browser = new HeadlessChromium(WIDTH, 900);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path report(String name, String... args) {
        Path scenario = TestScenarios.write(dir, "browser-check.yaml", SCENARIO);
        Path out = dir.resolve(name);
        String[] command = Stream.concat(Stream.of(args[0], scenario.toString(), "--out", out.toString(), "--quiet"),
                Stream.of(args).skip(1)).toArray(String[]::new);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(command, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** {@code capsim report} of a folder whose files were written by hand. */
    private static void rebuild(Path folder) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"report", folder.toString(), "--quiet"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    }

    /** Opens a page and checks what every page must do; returns the check for more. */
    private static HeadlessChromium.PageCheck check(Path folder, String screenshot) throws IOException {
        HeadlessChromium.PageCheck page = browser.open(folder.resolve("index.html"));
        assertEquals(List.of(), page.brokenImages(), "images that did not load");
        assertEquals(List.of(), page.consoleErrors(), "console errors");
        assertEquals(List.of(), page.externalReferences(), "the page must not reach the network");
        assertFalse(page.overflowsWidth(), () -> "the page fits a " + WIDTH + " px window without scrolling sideways; "
                + "wider: " + browser.widerThanWindow());
        long charts;
        try (Stream<Path> files = Files.list(folder.resolve("charts"))) {
            charts = files.filter(f -> f.toString().endsWith(".svg")).count();
        }
        assertTrue(charts > 0);
        assertEquals(charts, page.images(), "one image per chart file");
        assertEquals(charts, browser.count("figure.chart img"));
        assertEquals(charts, browser.count("figure.chart figcaption"));
        Path png = SCREENSHOTS.resolve(screenshot);
        long height = browser.screenshot(png);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(height, shot.getHeight(), "the screenshot covers the whole page");
        return page;
    }

    /** The checks can fail: a broken image, a console error and a network reference are each caught. */
    @Test
    void theChecksCatchBrokenImagesConsoleErrorsAndNetworkReferences() throws IOException {
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><img alt=\"missing\" src=\"missing.png\">"
                + "<img alt=\"remote\" src=\"https://example.invalid/x.png\">"
                + "<script>console.error('boom')</script></body></html>");
        HeadlessChromium.PageCheck check = browser.open(page);
        assertTrue(check.brokenImages().containsAll(List.of("missing", "remote")), check.toString());
        assertTrue(check.consoleErrors().stream().anyMatch(e -> e.contains("boom")), check.toString());
        assertTrue(check.externalReferences().stream().anyMatch(e -> e.contains("example.invalid")), check.toString());
    }

    @Test
    void aRunsPageShowsItsChartsAndTables() throws IOException {
        Path run = report("run", "run");
        check(run, "run.png");
        // the run limits demand (patience, a budget): its page has the demand table and the served chart
        for (String table : List.of("table.parameters", "table.summary", "table.providers", "table.classes",
                "table.demand")) {
            assertEquals(1, browser.count(table), table);
        }
        assertTrue(browser.text("table.summary").contains("unserved share (%)"));
        // and it has power: the power chart and the sites table with its energy columns
        assertEquals(1, browser.count("table.sites"));
        assertTrue(browser.text("table.sites").contains("stranded"), browser.text("table.sites"));
        for (String chart : List.of("capacity", "served", "power", "utilization", "queues", "waits", "rofr",
                "providers")) {
            assertEquals(1, browser.count("#chart-" + chart + " img"), chart);
        }
        assertEquals(4, browser.count("ul.files a"));
    }

    @Test
    void aComparisonsPageShowsTheComparison() throws IOException {
        Path compare = report("compare", "compare", "--policies", "exclusive,rofr,earliest-start,cheapest,lowest-carbon"); // five: wide tables
        check(compare, "compare.png");
        assertEquals(1, browser.count("table.comparison"));
        assertEquals(1, browser.count("table.comparison-classes"));
        assertEquals(1, browser.count("table.comparison-demand")); // the run limits demand
        assertEquals(1, browser.count("table.comparison-sites"));
        assertEquals(1, browser.count("#chart-policies img"));
        assertEquals(1, browser.count("#chart-differences img"));
        // a tablet's window: the tables of five policies scroll in their own boxes, the page does not
        browser.resize(768, 900);
        try {
            assertFalse(browser.open(compare.resolve("index.html")).overflowsWidth(),
                    () -> "the page fits a 768 px window; wider: " + browser.widerThanWindow());
        } finally {
            browser.resize(WIDTH, 900);
        }
    }

    /**
     * A limited-demand comparison, its files written by hand as the model writes them (jobs.csv
     * with demand_gpu_hours, abandoned and unfunded jobs; summary.json with the demand metrics),
     * rebuilt by {@code capsim report}: the served chart, the abandonment and the demand tables.
     */
    @Test
    void aLimitedDemandReportShowsServedDemandAndAbandonment() throws IOException {
        Path folder = ReportFixture.writeLimited(dir.resolve("limited"), true);
        rebuild(folder);
        check(folder, "limited.png");
        assertEquals(1, browser.count("#chart-served img"));
        assertEquals(1, browser.count("#chart-capacity img"));
        assertTrue(browser.text("#chart-waits figcaption").contains("abandoned"), browser.text("#chart-waits figcaption"));
        assertEquals(1, browser.count("table.demand"));
        assertEquals(4, browser.count("table.demand tbody tr")); // 2 classes x 2 policies
        String demand = browser.text("table.demand");
        assertTrue(demand.contains("unserved (%)") && demand.contains("26.00 ± 10.00"), demand);
        String fleet = browser.text("table.summary");
        for (String row : List.of("jobs abandoned", "jobs unfunded", "abandoned wait (h)", "demanded GPU-hours (M)",
                "served GPU-hours (M)", "unserved share (%)")) {
            assertTrue(fleet.contains(row), row + " in " + fleet);
        }
        assertTrue(fleet.contains("14.00 ± 10.00"), fleet);
        assertTrue(browser.text("table.providers").contains("served GPU-hours (M)"));
    }

    /**
     * A comparison of a scenario that reports power, its files written by hand as the model
     * writes them (sites.csv with powered_gpus and power_mw, summary.json with the draw and the
     * power metrics), rebuilt by {@code capsim report}: the power chart and the new columns, on a
     * page that still fits a laptop.
     */
    @Test
    void aPoweredReportShowsThePowerChartAndTheEnergyColumns() throws IOException {
        Path folder = ReportFixture.writePowered(dir.resolve("powered"), true);
        rebuild(folder);
        check(folder, "powered.png");
        assertEquals(1, browser.count("#chart-power img"));
        String fleet = browser.text("table.summary");
        for (String row : List.of("energy (GWh)", "energy cost ($k)", "CO2 (t)", "peak draw (MW)",
                "stranded GPU-hours (M)", "idle GPU-hours (M)")) {
            assertTrue(fleet.contains(row), row + " in " + fleet);
        }
        assertEquals(1, browser.count("table.providers-power"));
        assertEquals(4, browser.count("table.providers-power tbody tr")); // 2 providers x 2 policies
        String providers = browser.text("table.providers-power");
        assertTrue(providers.contains("energy (GWh)") && providers.contains("1.93 ± 0.0500"), providers);
        assertTrue(providers.contains("n/a"), "provider y has no CO2: " + providers);
        assertEquals(1, browser.count("table.sites"));
        String sites = browser.text("table.sites");
        assertTrue(sites.contains("a (X Cloud)") && sites.contains("peak draw (MW)") && sites.contains("9.30"), sites);
    }

    @Test
    void aSweepsPagesLinkEveryPoint() throws IOException {
        Path sweep = report("sweep", "compare", "--policies", "exclusive,rofr", "--replications", "2", "--set",
                "routing.rofr.max-start-delay-days=1,4");
        check(sweep, "sweep.png");
        assertEquals(1, browser.count("table.sweep"));
        assertEquals(4, browser.count("table.sweep a[href$='/index.html']")); // 2 points x 2 policies
        check(sweep.resolve("point-02"), "sweep-point-02.png");
        assertEquals(1, browser.count("table.comparison"));
    }

    /** A sensitivity study's page: a tornado chart per metric, the key that moves the wait most on top. */
    @Test
    void aSensitivityPageShowsItsTornadoCharts() throws IOException {
        Path study = report("sensitivity", "sensitivity", "--replications", "2",
                "--vary", "providers.azure.price-per-gpu-hour=-20%,+20%", "--vary", "demand[0].arrivals-per-day=18,30");
        check(study, "sensitivity.png");
        for (String metric : List.of("wait_h_mean", "unserved_share", "spend_usd", "utilization")) {
            assertEquals(1, browser.count("#chart-tornado-" + metric + " img"), metric);
        }
        assertEquals(4, browser.count("table.sensitivity"));
        assertEquals(1, browser.count("table.parameters"));
        assertTrue(browser.text("table.sensitivity").contains("demand[0].arrivals-per-day"),
                browser.text("table.sensitivity"));
        assertEquals(2, browser.count("ul.files a"));
    }

    /** Scenario files compared as arms: the comparison's tables and charts, links only to the files there. */
    @Test
    void aPageOfScenariosComparedAsArmsShowsTheComparison() throws IOException {
        Path other = TestScenarios.write(dir, "browser-other.yaml", SCENARIO.replace("name: browser-check",
                "name: browser-other").replace("gpus: 512", "gpus: 768"));
        Path arms = report("arms", "compare", other.toString(), "--replications", "2");
        check(arms, "arms.png");
        assertEquals(1, browser.count("table.comparison"));
        assertEquals(1, browser.count("#chart-differences img"));
        assertEquals(1, browser.count("ul.files a"));
    }
}
