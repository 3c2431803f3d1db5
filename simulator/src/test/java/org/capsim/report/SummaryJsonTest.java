package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                Map.of("azure", Map.of("share", new Comparison.Difference(-0.5, 0.25, 3, 0.5)))))) ;
        Precision.Outcome precision = new Precision.Outcome(0.05, Double.POSITIVE_INFINITY, false, 20);
        return new SummaryJson.Report(42, List.of("exclusive", "rofr"), List.of(first, second), comparison, precision,
                Map.of("routing.rofr.max-start-delay-days", "7"));
    }
}
