package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scaling-law jobs in jobs.csv: GPUs = ceil(flops / (peak x mfu x target)) on each GPU type, and Chinchilla sizes. */
class ScalingLawReportTest {

    private static final String SCENARIO = """
            name: sizing
            start: 2025-01-01
            horizon: 2025-12-31
            seed: 8
            replications: 2
            gpu-types:
              H100: { peak-tflops: 989 }
              GB200: { peak-tflops: 2500 }
            providers:
              lab: { price-per-gpu-hour: { H100: 2, GB200: 4 } }
            sites:
              - id: s
                provider: lab
                build-out:
                  - { date: 2024-12-01, gpu-type: H100, gpus: 20000 }
                  - { date: 2024-12-01, gpu-type: GB200, gpus: 8000 }
            demand:
              - class: frontier
                kind: scaling-law
                arrivals-per-day: 2
                median-flops: 2.0e24
                flops-growth-per-year: 4
                flops-sigma: 1.0
                mfu: 0.35
                target-days: 10
                max-gpus: 16000
            routing:
              policy: earliest-start
            """;

    private static final Map<String, Double> PEAK = Map.of("H100", 989e12, "GB200", 2500e12);

    @TempDir
    Path dir;

    @Test
    void gpusFollowFromComputeOnBothTypes() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        Path out = dir.resolve("r");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.all());
        Map<String, Integer> byType = new HashMap<>();
        try (Reader in = Files.newBufferedReader(out.resolve("jobs.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                if (row.get("pool_type").isEmpty()) {
                    continue;
                }
                double flops = Double.parseDouble(row.get("flops"));
                double peak = PEAK.get(row.get("pool_type"));
                long expected = Math.min(16000, (long) Math.ceil(flops / (peak * 0.35 * 10 * 24 * 3600)));
                assertEquals(Math.max(1, expected), Long.parseLong(row.get("gpus")), row.toString());
                double params = Math.sqrt(flops / 120);
                assertEquals(params, Double.parseDouble(row.get("model_params")), 1e-6 * params, row.toString());
                assertEquals(20 * params, Double.parseDouble(row.get("tokens")), 2e-5 * params, row.toString());
                byType.merge(row.get("pool_type"), 1, Integer::sum);
            }
        }
        assertTrue(byType.getOrDefault("H100", 0) > 20 && byType.getOrDefault("GB200", 0) > 20, "jobs on both types: " + byType);
    }
}
