package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.experiment.Precision;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.scenario.Scenario;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json: what a run takes as written is what {@code capsim report} reads back. */
class SummaryJsonTest {

    /** Two GPU types, a provider with a display name and one without, scheduling given. */
    private static final String SCENARIO = """
            name: summary-check
            description: "quotes \\" and é"
            start: 2025-01-01
            horizon: 2025-03-31
            warmup-days: 1.5
            scheduling: easy-backfill
            gpu-types: { H100: { peak-tflops: 989.5 }, GB200: { peak-tflops: 2500 } }
            providers:
              azure: { name: Microsoft Azure, price-per-gpu-hour: 4 }
              stargate: { price-per-gpu-hour: 3 }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 128 } ] }
              - { id: abilene, provider: stargate, build-out: [ { date: 2025-01-15, gpu-type: GB200, gpus: 256 } ] }
            demand:
              - { class: small, kind: sized, arrivals-per-day: 30, gpus: 8, hours: { exponential: { mean: 5 } },
                  reference-gpu: H100 }
            routing:
              policy: exclusive
              exclusive: { holder: azure }
            """;

    @TempDir
    Path dir;

    @Test
    void theSnapshotOfARunIsWhatReadingItsSummaryBackGives() throws Exception {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("stargate-2025"));
        SummaryJson.Report report = awkwardReport();
        Path file = dir.resolve("summary.json");
        SummaryJson.write(file, scenario, report);

        SummaryJson.Snapshot read = SummaryJson.read(file);
        SummaryJson.Snapshot taken = SummaryJson.Snapshot.of(scenario, report);

        // records compare doubles as Double.compare does (NaN equals NaN, 0.0 differs from -0.0);
        // toString adds the maps' order, which the charts and the page follow
        assertEquals(read, taken);
        assertEquals(read.toString(), taken.toString());
        assertTrue(Files.readString(file).contains("\"ci95\" : null"), "the undefined figures are written as null");
    }

    /**
     * The provenance block reads back as written, comes first, and {@link Provenance#strip} leaves
     * exactly the file a report without it has: what byte-identity is judged on.
     */
    @Test
    void provenanceReadsBackAndStripsToTheFileWithoutIt() throws Exception {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("stargate-2025"));
        SummaryJson.Report bare = awkwardReport();
        Provenance provenance = new Provenance(Provenance.FORMAT, "1.2.3", "abc+changes", "Vendor 17", "Linux 6 amd64",
                "capsim run 'a b.yaml'", "00ff", List.of(new Provenance.Input("traces/x.csv", "11aa"),
                        new Provenance.Input("../y.csv", "22bb")), "2026-01-01T00:00:00Z", "2026-01-01T00:00:02.5Z", 2.5);
        SummaryJson.Report made = new SummaryJson.Report(bare.seed(), bare.policies(), bare.summaries(), bare.comparison(),
                bare.precision(), bare.overrides(), bare.deal(), provenance);
        Path with = dir.resolve("with.json");
        Path without = dir.resolve("without.json");
        SummaryJson.write(with, scenario, made);
        SummaryJson.write(without, scenario, bare);

        assertEquals(provenance, SummaryJson.read(with).report().provenance());
        String text = Files.readString(with);
        assertTrue(text.startsWith("{\n  \"provenance\" : {\n"), text);
        assertEquals(Files.readString(without), Provenance.strip(text));
        assertEquals(Files.readString(without), Provenance.strip(Files.readString(without)));
    }

    /**
     * Only a scenario that reports power gives each GPU type's draw (kW, busy and idle shares),
     * which the power chart needs; another's file has no such key, so it keeps its bytes.
     */
    @Test
    void onlyAScenarioThatReportsPowerGivesTheGpuTypesDraw() throws Exception {
        Scenario plain = TestScenarios.load(dir, SCENARIO);
        assertFalse(plain.reportsPower());
        Path plainFile = dir.resolve("plain.json");
        SummaryJson.write(plainFile, plain, awkwardReport());
        assertFalse(Files.readString(plainFile).contains("fraction"));
        assertTrue(SummaryJson.read(plainFile).header().draws().isEmpty());

        java.util.Map<String, org.capsim.model.GpuType> types = new java.util.LinkedHashMap<>();
        plain.gpuTypes().forEach((name, t) -> types.put(name, new org.capsim.model.GpuType(name, t.peakTflops(),
                1.4, t.capexUsd(), 0.8, 0.2)));
        Scenario powered = new Scenario(plain.file(), plain.name(), plain.description(), plain.calendar(),
                plain.warmupHours(), plain.seed(), plain.replications(), plain.sampleHours(), plain.scheduling(), types,
                plain.providers(), plain.sites(), plain.demand(), plain.reservations(), plain.failures(), plain.routing(),
                plain.notes());
        assertTrue(powered.reportsPower());
        Path file = dir.resolve("powered.json");
        SummaryJson.write(file, powered, awkwardReport());
        SummaryJson.Snapshot read = SummaryJson.read(file);
        assertEquals(read, SummaryJson.Snapshot.of(powered, awkwardReport()));
        String first = types.keySet().iterator().next();
        assertEquals(new SummaryJson.GpuDraw(1.4, 0.8, 0.2), read.header().draws().get(first));
        assertEquals(types.keySet(), read.header().draws().keySet());
    }

    @Test
    void theFileKeepsItsBytes() throws Exception {
        // written by the streaming writer this replaced: key order, indentation, number text and nulls are the format
        Scenario scenario = TestScenarios.load(dir, SCENARIO);
        Path file = dir.resolve("summary.json");
        SummaryJson.write(file, scenario, awkwardReport());

        String expected;
        try (var in = SummaryJsonTest.class.getResourceAsStream("summary-every-part.json")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(file));
    }

    @Test
    void aFileThatIsNotASummaryIsRefusedNamingTheKey() throws Exception {
        String head = "{\"scenario\": \"s\", \"start\": \"2025-01-01\", \"horizon\": \"2025-02-01\", ";
        assertRefused("[1, 2]", "not a capsim summary (expected a JSON object)");
        assertRefused(head + "\"policies\": []}", "policies: empty");
        assertRefused(head + "\"policies\": 3}", "policies: missing or not a list");
        assertRefused(head + "\"policies\": [{\"policy\": \"p\"}, {\"policy\": true}]}", "policies[1].policy: missing or not a text");
        assertRefused(head.replace("2025-02-01", "2025-02-30") + "\"policies\": [{\"policy\": \"p\"}]}",
                "horizon: not a date (yyyy-mm-dd): 2025-02-30");
        assertRefused(head + "\"policies\": [{\"policy\": \"p\", \"metrics\": {\"wait\": {\"mean\": \"x\"}}}]}",
                "policies[0].metrics.wait.mean: missing or not a number");
        assertRefused(head + "\"policies\": [{\"policy\": \"p\", \"metrics\": [1]}]}",
                "policies[0].metrics: not what summary.json holds here (an object { ... } of its keys)");
    }

    private void assertRefused(String json, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("summary.json"), json);
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> SummaryJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + message), e.getMessage());
    }

    /** Figures JSON cannot hold (NaN, infinities), a negative zero, and every optional part. */
    private static SummaryJson.Report awkwardReport() {
        Map<String, Estimate> metrics = new LinkedHashMap<>();
        metrics.put("wait_h_mean", new Estimate(1.25, Double.NaN, 1));
        metrics.put("utilization", new Estimate(0.1 + 0.2, Double.POSITIVE_INFINITY, 3));
        metrics.put("cost_usd", new Estimate(-0.0, Double.NEGATIVE_INFINITY, 3));
        Map<String, Map<String, Estimate>> providers = new LinkedHashMap<>();
        providers.put("oracle", Map.of("share", new Estimate(0.4, 0.01, 3)));
        providers.put("azure", Map.of("share", new Estimate(0.6, Double.NaN, 3)));
        Summary first = new Summary(3, metrics, Map.of(), providers, Map.of());
        Summary second = new Summary(3, Map.of("wait_h_mean", new Estimate(2.5, 1e-300, 3)), Map.of(), Map.of(), Map.of());
        Comparison comparison = new Comparison("exclusive", List.of(new Comparison.Against("rofr",
                Map.of("wait_h_mean", new Comparison.Difference(1.25, Double.NaN, 3, Double.POSITIVE_INFINITY)),
                Map.of("train", Map.of("wait_h_p95", new Comparison.Difference(-3.5, 1.5, 3, 4.0))),
                Map.of("azure", Map.of("share", new Comparison.Difference(-0.5, 0.25, 3, 0.5))),
                Map.of("abilene", Map.of("utilization", new Comparison.Difference(0.125, Double.NaN, 2, Double.NaN))))));
        Precision.Outcome precision = new Precision.Outcome(0.05, Double.POSITIVE_INFINITY, false, 20);
        return new SummaryJson.Report(42, List.of("exclusive", "rofr"), List.of(first, second), comparison, precision,
                Map.of("routing.rofr.max-start-delay-days", "7"));
    }
}
