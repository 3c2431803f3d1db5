package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim sensitivity} end to end in-process: its laws on common random numbers, its files, its errors. */
class SensitivityTest {

    /** An M/M/8 queue near rho = 0.8: the wait grows steeply with the arrival rate, and nothing else moves it. */
    static final String SCENARIO = """
            name: sens-check
            start: 2025-01-01
            horizon: 2025-02-28
            warmup-days: 3
            seed: 11
            replications: 6
            gpu-types: { H100: { peak-tflops: 989 } }
            providers: { lab: { price-per-gpu-hour: 2.0 } }
            sites:
              - { id: queue, provider: lab, build-out: [ { date: 2024-12-31, gpu-type: H100, gpus: 8 } ] }
            demand:
              - { class: jobs, kind: sized, arrivals-per-hour: 6.4, gpus: 1, hours: { exponential: { mean: 1.0 } } }
            routing:
              policy: earliest-start
            """;
    private static final List<String> COLUMNS = List.of("key", "low", "high", "metric", "base_mean", "low_mean",
            "high_mean", "low_delta", "low_delta_ci95", "high_delta", "high_delta_ci95");

    @TempDir
    Path dir;

    private Path scenario() {
        return TestScenarios.write(dir, "s.yaml", SCENARIO);
    }

    private Cli study(Path out, String... vary) {
        String[] args = new String[6 + vary.length * 2];
        args[0] = "sensitivity";
        args[1] = scenario().toString();
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--threads";
        args[5] = "2";
        for (int i = 0; i < vary.length; i++) {
            args[6 + 2 * i] = "--vary";
            args[7 + 2 * i] = vary[i];
        }
        return Cli.run(args);
    }

    private static List<CSVRecord> rows(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
    }

    private static CSVRecord row(List<CSVRecord> rows, String key, String metric) {
        return rows.stream().filter(r -> r.get("key").equals(key) && r.get("metric").equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + key + " and " + metric));
    }

    /**
     * Law: on common random numbers a key that cannot move a metric (a price against the wait)
     * has a delta of exactly 0, and a monotone key (the arrival rate against the wait) gives
     * intervals that exclude 0 in its direction: fewer arrivals, shorter waits; more, longer.
     */
    @Test
    void aPriceCannotMoveTheWaitAndTheArrivalRateMovesItBothWays() throws IOException {
        Path out = dir.resolve("sens");
        Cli cli = study(out, "providers.lab.price-per-gpu-hour=1,3", "demand[0].arrivals-per-hour=-20%,+20%");
        assertEquals(0, cli.exit(), cli.all());
        List<CSVRecord> rows = rows(out.resolve("sensitivity.csv"));

        CSVRecord price = row(rows, "providers.lab.price-per-gpu-hour", "wait_h_mean");
        assertEquals("0", price.get("low_delta"));
        assertEquals("0", price.get("low_delta_ci95"));
        assertEquals("0", price.get("high_delta"));
        assertEquals("0", price.get("high_delta_ci95"));
        assertEquals(price.get("base_mean"), price.get("low_mean"));
        // the price does move what it should: spend, in its direction
        CSVRecord spend = row(rows, "providers.lab.price-per-gpu-hour", "spend_usd");
        assertTrue(Double.parseDouble(spend.get("low_delta")) < 0 && Double.parseDouble(spend.get("high_delta")) > 0,
                spend.toString());

        CSVRecord rate = row(rows, "demand[0].arrivals-per-hour", "wait_h_mean");
        assertEquals("5.12", rate.get("low"), "-20% of 6.4");
        assertEquals("7.68", rate.get("high"), "+20% of 6.4");
        double low = Double.parseDouble(rate.get("low_delta"));
        double high = Double.parseDouble(rate.get("high_delta"));
        assertTrue(low < 0 && -low > Double.parseDouble(rate.get("low_delta_ci95")), rate.toString());
        assertTrue(high > 0 && high > Double.parseDouble(rate.get("high_delta_ci95")), rate.toString());
        assertTrue(cli.out().contains("wait_h_mean"), cli.out());
    }

    /** A percentage of a whole-number key (a GPU count) is rounded to a whole number, not refused. */
    @Test
    void aPercentageOfAGpuCountIsRoundedToWholeGpus() throws IOException {
        Path out = dir.resolve("gpus");
        Cli cli = study(out, "sites[0].build-out[0].gpus=-15%,+15%");
        assertEquals(0, cli.exit(), cli.all());
        CSVRecord gpus = row(rows(out.resolve("sensitivity.csv")), "sites[0].build-out[0].gpus", "wait_h_mean");
        assertEquals("7", gpus.get("low"), "-15% of 8 is 6.8");
        assertEquals("9", gpus.get("high"), "+15% of 8 is 9.2");
        assertTrue(Double.parseDouble(gpus.get("high_delta")) < 0, "more GPUs, shorter waits: " + gpus);

        // Morris levels between 6 and 10 GPUs (6, 7.33, 8.67, 10) run as whole GPUs
        Path screened = dir.resolve("gpus-morris");
        Cli morris = Cli.run("sensitivity", scenario().toString(), "--out", screened.toString(), "--threads", "2",
                "--replications", "2", "--morris", "3", "--metric", "wait_h_mean", "--vary", "sites[0].build-out[0].gpus=6,10",
                "--vary", "providers.lab.price-per-gpu-hour=1,3");
        assertEquals(0, morris.exit(), morris.all());
        CSVRecord effect = row(rows(screened.resolve("morris.csv")), "sites[0].build-out[0].gpus", "wait_h_mean");
        assertTrue(Double.parseDouble(effect.get("mu")) < 0, "more GPUs, shorter waits: " + effect);
    }

    @Test
    void writesTheSpecsColumnsTheSummaryATornadoPerMetricAndThePage() throws IOException {
        Path out = dir.resolve("sens");
        Cli cli = study(out, "providers.lab.price-per-gpu-hour=1,3", "demand[0].arrivals-per-hour=6,6.8");
        assertEquals(0, cli.exit(), cli.all());
        assertEquals(String.join(",", COLUMNS),
                Files.readAllLines(out.resolve("sensitivity.csv"), StandardCharsets.UTF_8).get(0));
        List<CSVRecord> rows = rows(out.resolve("sensitivity.csv"));
        Cli again = study(out, "providers.lab.price-per-gpu-hour=1,3", "demand[0].arrivals-per-hour=6,6.8");
        assertEquals(0, again.exit(), "the same study again replaces the folder: " + again.all());
        assertTrue(again.out().contains("spend_usd, in $"), "money in the unit that fits: " + again.out());
        // the default metrics this scenario defines (it limits no demand: no unserved_share), per key
        assertEquals(2 * 3, rows.size());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("sens-check", summary.get("scenario").asText());
        assertEquals(6, summary.get("sensitivity").size());
        assertEquals(rows.get(0).get("key"), summary.get("sensitivity").get(0).get("key").asText());
        assertTrue(summary.get("sensitivity").get(0).has("high_delta_ci95"));
        for (String metric : List.of("wait_h_mean", "spend_usd", "utilization")) {
            assertTrue(Files.size(out.resolve("charts/tornado-" + metric + ".png")) > 0, metric);
            assertTrue(Files.readString(out.resolve("charts/tornado-" + metric + ".svg")).contains("<svg"), metric);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("id=\"chart-tornado-wait_h_mean\""), "the page shows the tornado");
        ReportCommandTest.assertNoExternalReference(html);
        // on the wait's table, the rate (which moves it) comes before the price (which cannot)
        String waits = html.substring(html.indexOf("<caption>wait_h_mean</caption>"));
        assertTrue(waits.indexOf("arrivals-per-hour") < waits.indexOf("price-per-gpu-hour"), "ranked by |delta|");
        // figures in the console's units: money in $k/$M/$B, utilization in %, no "2.480e+08" in a caption
        assertTrue(html.matches("(?s).*<caption>spend_usd \\(\\$[kMB]?\\)</caption>.*"), "spend's unit on the page");
        assertTrue(html.contains("<caption>utilization (%)</caption>"), "utilization in % on the page");
        assertTrue(html.contains("paired difference of fleet utilization (%), base "), "the tornado's base in its axis's units");
        assertFalse(html.matches("(?s).*base [0-9.]+e[+-][0-9].*"), "no base in e-notation");

        // capsim report redraws the same page from the folder's files
        Files.delete(out.resolve("index.html"));
        Cli report = Cli.run("report", out.toString());
        assertEquals(0, report.exit(), report.all());
        assertEquals(html, Files.readString(out.resolve("index.html")));
    }

    /** Law, screened: on common random numbers the price's elementary effects on the wait are exactly 0. */
    @Test
    void aMorrisScreeningRanksTheKeysAndAPriceHasNoEffectOnTheWait() throws IOException {
        Path out = dir.resolve("morris");
        Cli cli = Cli.run("sensitivity", scenario().toString(), "--out", out.toString(), "--threads", "2",
                "--replications", "3", "--morris", "3", "--metric", "wait_h_mean", "--vary",
                "providers.lab.price-per-gpu-hour=1,3", "--vary", "demand[0].arrivals-per-hour=-20%,+20%");
        assertEquals(0, cli.exit(), cli.all());
        assertTrue(cli.err().contains("9 runs (3 trajectories of 3)"), cli.err());
        List<CSVRecord> rows = rows(out.resolve("morris.csv"));
        assertEquals(2, rows.size());
        CSVRecord price = row(rows, "providers.lab.price-per-gpu-hour", "wait_h_mean");
        assertEquals("0", price.get("mu_star"));
        assertEquals("0", price.get("sigma"));
        CSVRecord rate = row(rows, "demand[0].arrivals-per-hour", "wait_h_mean");
        assertTrue(Double.parseDouble(rate.get("mu")) > 0, "more arrivals, longer waits: " + rate);
        assertEquals("3", rate.get("r"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(3, summary.get("trajectories").asInt());
        assertEquals(2, summary.get("morris").size());
        assertFalse(summary.has("sensitivity"));
        assertTrue(Files.readString(out.resolve("index.html")).contains("id=\"chart-morris-wait_h_mean\""));
        Cli again = Cli.run("sensitivity", scenario().toString(), "--out", out.toString(), "--threads", "2",
                "--replications", "3", "--morris", "3", "--metric", "wait_h_mean", "--vary",
                "providers.lab.price-per-gpu-hour=1,3", "--vary", "demand[0].arrivals-per-hour=-20%,+20%");
        assertEquals(0, again.exit(), "the same screening again replaces the folder: " + again.all());
        assertEquals(rows.toString(), rows(out.resolve("morris.csv")).toString());

        Path never = dir.resolve("never");
        assertBad(Cli.run("sensitivity", scenario().toString(), "--out", never.toString(), "--morris", "1",
                "--vary", "routing.policy=earliest-start,cheapest"), "--morris: must be from 2 to 1000 trajectories");
        Cli text = Cli.run("sensitivity", scenario().toString(), "--out", never.toString(), "--morris", "4",
                "--vary", "routing.policy=earliest-start,cheapest");
        assertBad(text, "--vary routing.policy=earliest-start,cheapest: routing.policy: --morris takes levels");
    }

    @Test
    void badKeysAndValuesAreLocatedErrorsAndWriteNothing() {
        Path out = dir.resolve("never");
        assertBad(study(out, "demand[0].arrivals-per-hur=1,2"),
                "--vary demand[0].arrivals-per-hur=1: demand[0].arrivals-per-hur: unknown key");
        assertBad(study(out, "routing.policy=-20%,+20%"),
                "--vary routing.policy=-20%,+20%: routing.policy: -20% needs a number, but the scenario has the text "
                        + "'earliest-start'");
        assertBad(study(out, "demand[0].arrivals-per-day=-20%,+20%"), "-20% of what?");
        assertBad(study(out, "demand[0].arrivals-per-hour=6.4,6.40"), "LOW and HIGH are the same (6.4)");
        assertBad(study(out, "demand[0].arrivals-per-hour=+0%,0%"), "LOW and HIGH are the same (6.4)");
        assertBad(study(out, "demand[0].arrivals-per-hour=-1,2"),
                "--vary demand[0].arrivals-per-hour=-1: demand[0].arrivals-per-hour: must be at least 0, got -1");
        assertBad(study(out, "demand[0].arrivals-per-hour=1"), "give two values, LOW,HIGH");
        assertBad(study(out, "demand[0].arrivals-per-hour=1,2", "demand[0].arrivals-per-hour=3,4"), "given twice");
        // every problem of one run at once
        Cli both = study(out, "routing.policy=-20%,+20%", "demand[0].arrivals-per-hour=2,2");
        assertTrue(both.err().contains("needs a number") && both.err().contains("are the same"), both.err());
        Cli metric = Cli.run("sensitivity", scenario().toString(), "--out", out.toString(), "--vary",
                "demand[0].arrivals-per-hour=6,7", "--metric", "unserved_share", "--metric", "wait_h_maen");
        assertBad(metric, "--metric unserved_share: this scenario does not report it");
        assertTrue(metric.err().contains("--metric wait_h_maen: not a fleet metric"), metric.err());
    }

    private void assertBad(Cli cli, String expected) {
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains(expected), cli.err());
        assertTrue(cli.clean(), cli.all());
        assertFalse(Files.exists(dir.resolve("never")), "nothing written");
    }
}
