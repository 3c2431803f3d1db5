package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.capsim.report.Provenance;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim compare}, {@code --set} sweeps and {@code --target-ci}, end to end in-process. */
class CompareSweepTest {

    private static final String SCENARIO = """
            name: compare-check
            start: 2025-01-01
            horizon: 2025-03-15
            warmup-days: 5
            seed: 3
            replications: 4
            gpu-types: { H100: { peak-tflops: 989 } }
            providers: { azure: { price-per-gpu-hour: 4 }, oracle: { price-per-gpu-hour: 3 } }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 256 } ] }
              - { id: abilene, provider: oracle, build-out: [ { date: 2025-01-20, gpu-type: H100, gpus: 256,
                                                               delay-days: { uniform: [0, 20] } } ] }
            demand:
              - { class: train, kind: sized, arrivals-per-day: 20, gpus: { choice: { 8: 0.5, 64: 0.5 } },
                  hours: { exponential: { mean: 12 } } }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 0.5, max-start-delay-days: 2 }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void compareReportsEveryPolicyAndPairedDifferencesAgainstTheFirst() throws IOException {
        Path out = dir.resolve("cmp");
        Cli cli = ok("compare", scenario().toString(), "--policies", "exclusive,rofr,earliest-start", "--out", out.toString());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        List<String> policies = new ArrayList<>();
        summary.get("policies").forEach(p -> policies.add(p.get("policy").asText()));
        assertEquals(List.of("exclusive", "rofr", "earliest-start"), policies);

        JsonNode comparison = summary.get("comparison");
        assertEquals("exclusive", comparison.get("baseline").asText());
        assertEquals(2, comparison.get("policies").size());
        for (int k = 0; k < 2; k++) {
            JsonNode against = comparison.get("policies").get(k);
            assertEquals(policies.get(k + 1), against.get("policy").asText());
            JsonNode metrics = summary.get("policies").get(k + 1).get("metrics");
            JsonNode base = summary.get("policies").get(0).get("metrics");
            // every metric of the summary has its difference; its mean is the difference of the means
            assertEquals(fieldNames(metrics), fieldNames(against.get("metrics")));
            for (String metric : fieldNames(metrics)) {
                JsonNode d = against.get("metrics").get(metric);
                assertEquals(4, d.get("n").asInt(), metric);
                if (!metrics.get(metric).get("mean").isNull()) {
                    assertEquals(metrics.get(metric).get("mean").asDouble() - base.get(metric).get("mean").asDouble(),
                            d.get("mean").asDouble(), 1e-6 * (1 + Math.abs(d.get("mean").asDouble())), metric);
                    assertEquals(Math.abs(d.get("mean").asDouble()) > d.get("ci95").asDouble(),
                            d.get("excludes_zero").asBoolean(), metric);
                }
            }
            // the same jobs arrived under every policy: their difference is exactly zero
            assertEquals(0.0, against.get("metrics").get("jobs_arrived").get("mean").asDouble());
            assertEquals(0.0, against.get("metrics").get("jobs_arrived").get("ci95").asDouble());
            assertTrue(against.get("providers").has("oracle"));
            // per class and per site as for the fleet: every metric, the mean the difference of the means
            for (String group : List.of("classes", "sites")) {
                JsonNode mine = summary.get("policies").get(k + 1).get(group);
                JsonNode theirs = summary.get("policies").get(0).get(group);
                assertEquals(fieldNames(mine), fieldNames(against.get(group)), group);
                for (String name : fieldNames(mine)) {
                    assertEquals(fieldNames(mine.get(name)), fieldNames(against.get(group).get(name)), name);
                    for (String metric : fieldNames(mine.get(name))) {
                        JsonNode d = against.get(group).get(name).get(metric);
                        if (!mine.get(name).get(metric).get("mean").isNull() && d.get("n").asInt() == 4) {
                            assertEquals(mine.get(name).get(metric).get("mean").asDouble()
                                    - theirs.get(name).get(metric).get("mean").asDouble(), d.get("mean").asDouble(),
                                    1e-6 * (1 + Math.abs(d.get("mean").asDouble())), name + " " + metric);
                        }
                    }
                }
            }
            assertTrue(against.get("classes").get("train").has("wait_h_mean"));
            assertTrue(against.get("sites").get("abilene").has("utilization"));
        }
        // exclusive keeps every job at Azure: the others moved a share to Oracle, beyond the noise
        JsonNode oracle = comparison.get("policies").get(1).get("providers").get("oracle").get("share_gpu_hours");
        assertTrue(oracle.get("mean").asDouble() > 0 && oracle.get("excludes_zero").asBoolean(), oracle.toString());

        // jobs.csv and sites.csv hold every policy, replication by replication
        Set<String> seen = new LinkedHashSet<>();
        for (String line : Files.readAllLines(out.resolve("jobs.csv")).subList(1, 2)) {
            assertTrue(line.startsWith("exclusive,1,"), line);
        }
        try (Reader reader = Files.newBufferedReader(out.resolve("jobs.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().build().parse(reader)) {
                seen.add(row.get("replication") + "/" + row.get("policy"));
            }
        }
        assertEquals(List.of("1/exclusive", "1/rofr", "1/earliest-start", "2/exclusive", "2/rofr", "2/earliest-start",
                "3/exclusive", "3/rofr", "3/earliest-start", "4/exclusive", "4/rofr", "4/earliest-start"), List.copyOf(seen));
        assertTrue(Files.readString(out.resolve("sites.csv")).contains("\nearliest-start,4,"));

        assertTrue(cli.out().contains("Δ vs exclusive"), cli.out());
        assertTrue(cli.out().contains("oracle share (%)"), cli.out());
        assertTrue(cli.out().contains("mean wait by class (h)\n  train "), cli.out());
        assertTrue(cli.out().contains("utilization by site (%)\n  azure-us "), cli.out());
        String page = Files.readString(out.resolve("index.html"));
        assertTrue(page.contains("class=\"comparison-classes\"") && page.contains("class=\"comparison-sites\""), page);
    }

    /**
     * A --set of one value is a run with that key set, not a sweep of one point: the report at
     * --out itself, its scenario.yaml saying the value, its summary.json recording it.
     */
    @Test
    void aSetOfOneValueIsARunWithThatKeySet() throws IOException {
        Path out = dir.resolve("one");
        Cli cli = ok("run", scenario().toString(), "--set", "routing.rofr.max-start-delay-days=8", "--replications", "1",
                "--no-charts", "--out", out.toString());
        assertTrue(Files.isRegularFile(out.resolve("jobs.csv")), "the report at --out");
        assertFalse(Files.exists(out.resolve("sweep.csv")) || Files.exists(out.resolve("point-01")), "no sweep");
        assertFalse(cli.out().contains("sweep.csv"), cli.out());
        assertTrue(Files.readString(out.resolve("scenario.yaml"))
                .startsWith("# capsim: this scenario was run with --set routing.rofr.max-start-delay-days=8\n"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("8", summary.get("set").get("routing.rofr.max-start-delay-days").asText(), summary.toString());
        // and the same key at two values is a sweep
        Path two = dir.resolve("two");
        ok("run", scenario().toString(), "--set", "routing.rofr.max-start-delay-days=8,9", "--replications", "1",
                "--no-charts", "--quiet", "--out", two.toString());
        assertTrue(Files.isRegularFile(two.resolve("sweep.csv")) && Files.isDirectory(two.resolve("point-02")));
    }

    /**
     * Five policies: two tables on the console, each beginning with the baseline the differences
     * are against, no line past 120 characters (one table of five columns is 140 wide).
     */
    @Test
    void fivePoliciesPrintTwoTablesThatFitATerminal() throws IOException {
        Path out = dir.resolve("five");
        Cli cli = ok("compare", scenario().toString(), "--policies", "exclusive,rofr,earliest-start,cheapest,lowest-carbon",
                "--replications", "2", "--no-charts", "--out", out.toString());
        List<String> heads = cli.out().lines().filter(line -> line.startsWith("metric ")).map(String::strip).toList();
        assertEquals(2, heads.size(), cli.out());
        assertTrue(heads.get(0).matches("metric +exclusive +rofr +earliest-start +cheapest"), heads.get(0));
        assertTrue(heads.get(1).matches("metric +exclusive +lowest-carbon"), heads.get(1));
        assertTrue(cli.out().lines().allMatch(line -> line.length() <= 120), cli.out());
        assertEquals(1, cli.out().lines().filter(line -> line.startsWith("Δ: paired difference")).count(), "one note");
        String second = cli.out().substring(cli.out().indexOf(heads.get(1)));
        assertTrue(second.contains("Δ vs exclusive"), second);
    }

    /** {@code deal} is the scenario's routing with its phases: labelled so, said what it is, and the same jobs as a run. */
    @Test
    void compareTakesTheScenariosDealAsAnArm() throws IOException {
        Path s = TestScenarios.write(dir, "phases.yaml", SCENARIO.replace("  policy: rofr\n",
                "  policy: rofr\n  phases: [ { from: 2025-02-01, policy: earliest-start } ]\n"));
        Path out = dir.resolve("deal");
        Cli cli = ok("compare", s.toString(), "--policies", "exclusive,deal", "--out", out.toString());
        assertTrue(cli.err().contains("deal: rofr from 2025-01-01, earliest-start from 2025-02-01\n"), cli.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("deal", summary.get("policies").get(1).get("policy").asText());
        assertEquals("rofr from 2025-01-01, earliest-start from 2025-02-01",
                summary.get("policies").get(1).get("routing").asText());
        assertFalse(summary.get("policies").get(0).has("routing"));
        assertEquals("deal", summary.get("comparison").get("policies").get(0).get("policy").asText());
        assertTrue(Files.readString(out.resolve("index.html")).contains("rofr from 2025-01-01, earliest-start from "
                + "2025-02-01 (the scenario&#x27;s own routing)"));

        Path run = dir.resolve("run");
        ok("run", s.toString(), "--out", run.toString(), "--quiet");
        assertEquals(jobRows(run, "rofr>earliest-start"), jobRows(out, "deal"), "the deal arm runs exactly what run does");
        assertFalse(jobRows(out, "exclusive").equals(jobRows(out, "deal")));
        JsonNode alone = JSON.readTree(run.resolve("summary.json").toFile()).get("policies").get(0);
        assertEquals(alone.get("metrics"), summary.get("policies").get(1).get("metrics"));
        assertEquals(alone.get("classes"), summary.get("policies").get(1).get("classes"));
    }

    /** jobs.csv's rows of one policy, without the policy column. */
    private static List<String> jobRows(Path report, String policy) throws IOException {
        return Files.readAllLines(report.resolve("jobs.csv")).stream().filter(line -> line.startsWith(policy + ","))
                .map(line -> line.substring(policy.length())).toList();
    }

    @Test
    void compareOutputIsTheSameForAnyThreadCount() throws IOException {
        Path s = scenario();
        ok("compare", s.toString(), "--policies", "rofr,cheapest", "--threads", "1", "--out", dir.resolve("t1").toString(),
                "--quiet");
        ok("compare", s.toString(), "--policies", "rofr,cheapest", "--threads", "3", "--out", dir.resolve("t3").toString(),
                "--quiet");
        for (String file : List.of("summary.json", "jobs.csv", "sites.csv")) {
            assertEquals(Provenance.comparable(dir.resolve("t1").resolve(file)),
                    Provenance.comparable(dir.resolve("t3").resolve(file)), file + " differs between --threads 1 and 3");
        }
    }

    @Test
    void aSweepOverTwoKeysWritesOneRowPerPointPolicyAndMetric() throws IOException {
        Path out = dir.resolve("sweep");
        Cli cli = ok("compare", scenario().toString(), "--policies", "rofr,earliest-start", "--replications", "2",
                "--set", "routing.rofr.max-start-delay-days=0.5,2,8",
                "--set", "sites[1].build-out[0].gpus=128,512", "--out", out.toString());
        int points = 3 * 2;
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(out.resolve("sweep.csv"))) {
            rows = CSVFormat.DEFAULT.builder().setHeader().build().parse(reader).getRecords();
        }
        JsonNode first = JSON.readTree(out.resolve("point-01").resolve("summary.json").toFile());
        int metrics = first.get("policies").get(0).get("metrics").size();
        assertTrue(metrics >= 14);
        assertEquals(points * 2 * metrics, rows.size());

        // first --set varies slowest; each point's report records its values and its own figures
        Map<String, String> pointValues = new LinkedHashMap<>();
        for (CSVRecord row : rows) {
            pointValues.put(row.get("point"), row.get("routing.rofr.max-start-delay-days") + "|"
                    + row.get("sites[1].build-out[0].gpus"));
        }
        assertEquals(List.of("0.5|128", "0.5|512", "2|128", "2|512", "8|128", "8|512"), List.copyOf(pointValues.values()));
        for (int p = 1; p <= points; p++) {
            Path point = out.resolve(String.format("point-%02d", p));
            JsonNode summary = JSON.readTree(point.resolve("summary.json").toFile());
            String[] values = pointValues.get(Integer.toString(p)).split("\\|");
            assertEquals(values[0], summary.get("set").get("routing.rofr.max-start-delay-days").asText());
            assertEquals(values[1], summary.get("set").get("sites[1].build-out[0].gpus").asText());
            assertTrue(Files.readString(point.resolve("scenario.yaml")).startsWith("# capsim sweep point " + p));
            for (CSVRecord row : rows) {
                if (row.get("point").equals(Integer.toString(p)) && row.get("metric").equals("gpu_hours")) {
                    JsonNode policy = summary.get("policies").get(row.get("policy").equals("rofr") ? 0 : 1);
                    assertEquals(policy.get("metrics").get("gpu_hours").get("mean").asDouble(),
                            Double.parseDouble(row.get("mean")), 1e-6);
                }
            }
        }
        // a larger Oracle site takes more of the work: the sweep really changed the scenario
        assertTrue(oracleGpuHours(out, 2) > oracleGpuHours(out, 1));
        // delta: the paired difference against point 1, same policy and metric; the mean of the
        // differences is the difference of the means where every replication defines the metric;
        // the points saw the same jobs (common random numbers), so the arrivals differ by exactly 0
        Map<String, Double> firstMeans = new LinkedHashMap<>();
        rows.stream().filter(r -> r.get("point").equals("1"))
                .forEach(r -> firstMeans.put(r.get("policy") + "|" + r.get("metric"), Double.parseDouble(r.get("mean"))));
        for (CSVRecord row : rows) {
            String key = row.get("policy") + "|" + row.get("metric");
            if (row.get("point").equals("1") || row.get("metric").equals("jobs_arrived")) {
                assertEquals("0", row.get("delta"), row.toString());
                assertEquals("0", row.get("delta_ci95"), row.toString());
            } else if (row.get("n").equals("2") && !row.get("delta").isEmpty()) {
                assertEquals(Double.parseDouble(row.get("mean")) - firstMeans.get(key), Double.parseDouble(row.get("delta")),
                        1e-5 * Math.max(1, Math.abs(firstMeans.get(key))), row.toString());
            }
        }
        assertTrue(cli.out().contains("sweep.csv"), cli.out());
    }

    private static double oracleGpuHours(Path out, int point) throws IOException {
        JsonNode summary = JSON.readTree(out.resolve(String.format("point-%02d", point)).resolve("summary.json").toFile());
        return summary.get("policies").get(1).get("providers").get("oracle").get("gpu_hours").get("mean").asDouble();
    }

    @Test
    void aBadSweepIsBadInputBeforeAnythingRuns() {
        Path out = dir.resolve("never");
        Cli unknown = Cli.run("run", scenario().toString(), "--set", "routing.rofr.max-start-dlay-days=1,2",
                "--set", "sites[7].build-out[0].gpus=1", "--set", "sites[1].build-out[0].gpus=64,-3", "--out", out.toString());
        assertEquals(2, unknown.exit(), unknown.all());
        assertTrue(unknown.err().contains("--set routing.rofr.max-start-dlay-days=1: routing.rofr.max-start-dlay-days"),
                unknown.err());
        assertTrue(unknown.err().contains("sites[7]"), unknown.err());
        assertTrue(unknown.err().contains("--set sites[1].build-out[0].gpus=-3"), unknown.err());
        // said once, although every point crossing the bad value has it
        assertEquals(1, unknown.err().split("max-start-dlay-days=1:", -1).length - 1, unknown.err());
        assertTrue(unknown.clean(), unknown.all());
        assertFalse(Files.exists(out));

        Cli syntax = Cli.run("run", scenario().toString(), "--set", "routing.rofr", "--out", out.toString());
        assertEquals(2, syntax.exit());
        assertTrue(syntax.err().contains("no '='"), syntax.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void validateChecksEverySweepPointWithoutRunning() {
        Cli ok = Cli.run("validate", scenario().toString(), "--set", "routing.rofr.max-start-delay-days=1,4");
        assertEquals(0, ok.exit(), ok.all());
        assertTrue(ok.out().contains("ok (2 sweep points"), ok.out());
        Cli bad = Cli.run("validate", scenario().toString(), "--set", "routing.rofr.max-start-delay-days=1,-4");
        assertEquals(2, bad.exit(), bad.all());
        assertTrue(bad.err().contains("--set routing.rofr.max-start-delay-days=-4: routing.rofr.max-start-delay-days:"),
                bad.err());
    }

    @Test
    void targetCiAddsReplicationsUntilTheMeanWaitIsPreciseAndIsReproducible() throws IOException {
        Path s = scenario();
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli cli = ok("compare", s.toString(), "--policies", "rofr,earliest-start", "--replications", "3", "--target-ci", "0.1",
                "--max-replications", "40", "--threads", "1", "--out", a.toString());
        ok("compare", s.toString(), "--policies", "rofr,earliest-start", "--replications", "3", "--target-ci", "0.1",
                "--max-replications", "40", "--threads", "3", "--out", b.toString(), "--quiet");
        JsonNode summary = JSON.readTree(a.resolve("summary.json").toFile());
        int n = summary.get("replications").asInt();
        JsonNode precision = summary.get("precision");
        assertTrue(n > 3, "the first batch is not precise enough: more were added, n = " + n);
        double worst = 0;
        for (JsonNode policy : summary.get("policies")) {
            JsonNode wait = policy.get("metrics").get("wait_h_mean");
            assertEquals(n, wait.get("n").asInt());
            worst = Math.max(worst, wait.get("ci95").asDouble() / wait.get("mean").asDouble());
        }
        assertEquals(worst, precision.get("reached").asDouble(), 1e-12);
        assertEquals(worst <= 0.1, precision.get("met").asBoolean());
        assertTrue(precision.get("met").asBoolean() || n == 40, "stops only when met or at the cap");
        assertTrue(cli.out().contains("precision met after " + n + " replications") || n == 40, cli.out());
        for (String file : List.of("summary.json", "jobs.csv", "sites.csv")) {
            assertEquals(Provenance.comparable(a.resolve(file)), Provenance.comparable(b.resolve(file)), file);
        }
        // and a plain run of the n reached gives the same figures: batches continue the replication numbers
        Path plain = dir.resolve("plain");
        ok("compare", s.toString(), "--policies", "rofr,earliest-start", "--replications", Integer.toString(n), "--out",
                plain.toString(), "--quiet");
        assertArrayEquals(Files.readAllBytes(a.resolve("jobs.csv")), Files.readAllBytes(plain.resolve("jobs.csv")));
    }

    @Test
    void compareNeedsTwoDistinctKnownPolicies() {
        Cli one = Cli.run("compare", scenario().toString(), "--policies", "rofr", "--out", dir.resolve("x").toString());
        assertEquals(2, one.exit());
        assertTrue(one.err().contains("two or more policies"), one.err());
        Cli twice = Cli.run("compare", scenario().toString(), "--policies", "rofr,rofr", "--out", dir.resolve("x").toString());
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("'rofr' is given twice"), twice.err());
        Cli unknown = Cli.run("compare", scenario().toString(), "--policies", "rofr,fastest", "--out", dir.resolve("x").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--policies") && unknown.err().contains("fastest"), unknown.err());
        assertTrue(unknown.clean(), unknown.all());
        Cli missing = Cli.run("compare", scenario().toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--policies"), missing.err());
        Cli lonely = Cli.run("run", scenario().toString(), "--max-replications", "5");
        assertEquals(2, lonely.exit());
        assertTrue(lonely.err().contains("only with --target-ci"), lonely.err());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
