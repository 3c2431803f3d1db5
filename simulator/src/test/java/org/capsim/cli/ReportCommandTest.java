package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts and index.html from run and compare, and {@code capsim report DIR} rebuilding them from the files. */
class ReportCommandTest {

    private static final String SCENARIO = """
            name: charts-check
            description: Two providers, <b>tags</b> & ampersands in the description
            start: 2025-01-01
            horizon: 2025-02-28
            seed: 5
            replications: 3
            gpu-types: { H100: { peak-tflops: 989 } }
            providers: { azure: { name: Microsoft Azure, price-per-gpu-hour: 4 }, oracle: { price-per-gpu-hour: 3 } }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 256 } ] }
              - { id: abilene, provider: oracle, build-out: [ { date: 2025-01-20, gpu-type: H100, gpus: 256 } ] }
            demand:
              - { class: train, kind: sized, arrivals-per-day: 20, gpus: { choice: { 8: 0.5, 64: 0.5 } },
                  hours: { exponential: { mean: 12 } } }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 0.5, max-start-delay-days: 2 }
            """;
    private static final List<String> RUN_CHARTS = List.of("capacity", "utilization", "queues", "waits", "rofr", "providers");

    @TempDir
    Path dir;

    private Path scenario() {
        return TestScenarios.write(dir, "s.yaml", SCENARIO);
    }

    private static Cli ok(String... args) {
        Cli cli = Cli.run(args);
        assertEquals(0, cli.exit(), cli.all());
        return cli;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void runWritesEveryChartAsPngAndSvgAndASelfContainedPage() throws IOException {
        Path out = dir.resolve("run");
        Cli cli = ok("run", scenario().toString(), "--out", out.toString());
        assertTrue(cli.out().contains("index.html"), cli.out());
        for (String chart : RUN_CHARTS) {
            assertTrue(Files.size(out.resolve("charts").resolve(chart + ".png")) > 1000, chart);
            assertTrue(read(out.resolve("charts").resolve(chart + ".svg")).contains("<svg"), chart);
        }
        String html = read(out.resolve("index.html"));
        for (String chart : RUN_CHARTS) {
            assertTrue(html.contains("id=\"chart-" + chart + "\""), chart);
        }
        assertTrue(html.contains("data:image/svg+xml;base64,"));
        assertTrue(html.contains("class=\"summary\""));
        assertTrue(html.contains("href=\"jobs.csv\"") && html.contains("href=\"sites.csv\""));
        // the scenario's text is escaped by the page builder, never markup
        assertTrue(html.contains("&lt;b&gt;tags&lt;/b&gt; &amp; ampersands"), html.substring(0, 2000));
        assertFalse(html.contains("<b>tags</b>"));
        assertNoExternalReference(html);
    }

    static void assertNoExternalReference(String html) {
        for (String bad : List.of("src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "@import", "<script")) {
            assertFalse(html.contains(bad), "the page must not load anything: found " + bad);
        }
    }

    /**
     * A scenario that reports power, its files written by hand as the model writes them
     * (sites.csv with powered_gpus and power_mw, summary.json with the draw and the metrics):
     * {@code capsim report} draws the power chart and shows the metrics in the page's tables.
     */
    @Test
    void reportDrawsThePowerChartAndTablesOfAPoweredRun() throws IOException {
        Path folder = org.capsim.report.ReportFixture.writePowered(dir.resolve("powered"), false);
        ok("report", folder.toString(), "--quiet");
        assertTrue(Files.size(folder.resolve("charts/power.png")) > 0);
        String svg = read(folder.resolve("charts/power.svg"));
        assertTrue(svg.contains("energized MW") && svg.contains("GPUs stranded"), "the power chart's legend and panel");
        String page = read(folder.resolve("index.html"));
        assertTrue(page.contains("id=\"chart-power\""), "the power chart on the page");
        for (String cell : List.of("energy (GWh)", "energy cost ($k)", "CO2 (t)", "peak draw (MW)",
                "stranded GPU-hours (M)", "idle GPU-hours (M)", "class=\"providers-power\"", "class=\"sites\"",
                "4.37 ± 0.0500", "a (X Cloud)")) {
            assertTrue(page.contains(cell), cell);
        }
        // a report without the power columns has no power chart and no power table
        Path plain = org.capsim.report.ReportFixture.write(dir.resolve("plain"), false);
        ok("report", plain.toString(), "--quiet");
        assertFalse(Files.exists(plain.resolve("charts/power.svg")));
        assertFalse(read(plain.resolve("index.html")).contains("energy"));
    }

    @Test
    void reportRebuildsTheSameChartsAndPageFromTheFiles() throws IOException {
        Path out = dir.resolve("run");
        ok("run", scenario().toString(), "--out", out.toString(), "--quiet");
        String page = read(out.resolve("index.html"));
        String svg = read(out.resolve("charts/capacity.svg"));
        Files.delete(out.resolve("charts/waits.png"));
        Cli cli = ok("report", out.toString());
        assertTrue(cli.out().contains("Rebuilt 6 charts and 1 page"), cli.out());
        assertEquals(page, read(out.resolve("index.html")));
        assertEquals(svg, read(out.resolve("charts/capacity.svg")));
        assertTrue(Files.exists(out.resolve("charts/waits.png")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary file left");
        }
        // a different unit changes the capacity chart only
        ok("report", out.toString(), "--capacity", "pflops", "--quiet");
        assertTrue(read(out.resolve("charts/capacity.svg")).contains("PFLOP/s"));
    }

    @Test
    void noChartsWritesThePageWithTablesOnlyAndReportDrawsThemLater() throws IOException {
        Path out = dir.resolve("plain");
        ok("run", scenario().toString(), "--out", out.toString(), "--no-charts", "--quiet");
        assertFalse(Files.exists(out.resolve("charts")));
        String html = read(out.resolve("index.html"));
        assertTrue(html.contains("class=\"summary\"") && html.contains("--no-charts"));
        assertFalse(html.contains("<img"));
        ok("report", out.toString(), "--quiet");
        assertTrue(Files.exists(out.resolve("charts/capacity.png")));
        assertTrue(read(out.resolve("index.html")).contains("id=\"chart-capacity\""));
    }

    @Test
    void compareAndSweepPagesShowTheirTablesAndCharts() throws IOException {
        Path out = dir.resolve("cmp");
        ok("compare", scenario().toString(), "--policies", "exclusive,rofr", "--replications", "2", "--set",
                "routing.rofr.max-start-delay-days=1,3", "--out", out.toString(), "--quiet");
        String top = read(out.resolve("index.html"));
        assertTrue(top.contains("class=\"sweep\"") && top.contains("id=\"chart-sweep\""));
        assertTrue(top.contains("href=\"point-01/index.html\"") && top.contains("href=\"sweep.csv\""));
        assertTrue(Files.exists(out.resolve("charts/sweep.svg")));
        for (String point : List.of("point-01", "point-02")) {
            String html = read(out.resolve(point).resolve("index.html"));
            assertTrue(html.contains("class=\"comparison\"") && html.contains("id=\"chart-differences\"")
                    && html.contains("id=\"chart-policies\""), point);
            assertTrue(html.contains("routing.rofr.max-start-delay-days"), point);
            assertNoExternalReference(html);
        }
        Cli cli = ok("report", out.toString());
        assertTrue(cli.out().contains("Rebuilt 17 charts and 3 pages"), cli.out()); // 8 per point + the sweep's
    }

    /** A run where nothing happens (one day, no job) still gets every chart, saying so, and its page. */
    @Test
    void aRunWithoutJobsStillGetsEveryChartAndItsPage() throws IOException {
        Path quiet = TestScenarios.write(dir, "empty.yaml", SCENARIO.replace("horizon: 2025-02-28", "horizon: 2025-01-01")
                .replace("arrivals-per-day: 20", "arrivals-per-day: 0.0001").replace("replications: 3", "replications: 1"));
        Path out = dir.resolve("empty");
        ok("run", quiet.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, Files.readAllLines(out.resolve("jobs.csv")).size(), "no job arrived");
        for (String chart : RUN_CHARTS) {
            assertTrue(Files.size(out.resolve("charts").resolve(chart + ".png")) > 1000, chart);
        }
        assertTrue(read(out.resolve("charts/waits.svg")).contains("no job started"));
        assertTrue(read(out.resolve("index.html")).contains("n/a"));
    }

    @Test
    void aFolderThatIsNotAReportIsBadInputAndTheOldChartsStay() throws IOException {
        Cli missing = Cli.run("report", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nowhere: no such folder") && missing.clean(), missing.all());

        Cli empty = Cli.run("report", dir.toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("not a capsim report folder (no summary.json)") && empty.clean(), empty.all());

        Path out = dir.resolve("run");
        ok("run", scenario().toString(), "--out", out.toString(), "--quiet");
        String page = read(out.resolve("index.html"));
        byte[] png = Files.readAllBytes(out.resolve("charts/capacity.png"));
        Path jobs = out.resolve("jobs.csv");
        List<String> lines = Files.readAllLines(jobs);
        lines.set(5, lines.get(5).replaceFirst("^([^,]*,[^,]*,[^,]*,[^,]*,)[^,]*", "$1soon"));
        Files.write(jobs, lines);
        Cli bad = Cli.run("report", out.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("jobs.csv: line 6: arrival_h: not a number: 'soon'") && bad.clean(), bad.all());
        assertEquals(page, read(out.resolve("index.html")));
        assertTrue(java.util.Arrays.equals(png, Files.readAllBytes(out.resolve("charts/capacity.png"))));

        Cli unit = Cli.run("report", out.toString(), "--capacity", "watts");
        assertEquals(2, unit.exit());
        assertTrue(unit.err().contains("--capacity: must be gpus or pflops, got 'watts'"), unit.all());
    }
}
