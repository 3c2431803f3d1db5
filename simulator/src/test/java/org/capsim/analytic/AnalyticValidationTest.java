package org.capsim.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.capsim.metrics.Estimate;
import org.capsim.metrics.ReplicationResult;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator against closed forms, one formula per test: Erlang C for M/M/c (up to a load of
 * 0.95), Pollaczek-Khinchine for M/G/1 with lognormal service, strict FIFO and EASY backfilling
 * schedules worked out by hand on a fixed trace, and the scaling-law sizing rule. A simulated
 * mean must have the formula inside its 95 % interval, and the interval must be narrow enough for
 * that to mean something.
 */
class AnalyticValidationTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Erlang C: C(c, a) and Wq = C / (c mu - lambda) match published values")
    void formulaMatchesPublishedValues() {
        // M/M/1: C = rho and Wq = rho / (mu - lambda)
        assertEquals(0.7, ErlangC.probabilityOfWaiting(1, 0.7), 1e-12);
        assertEquals(0.7 / 0.3, ErlangC.meanWait(1, 0.7, 1.0), 1e-12);
        // M/M/2 with a = 1: C = 1/3 (textbook value)
        assertEquals(1.0 / 3.0, ErlangC.probabilityOfWaiting(2, 1.0), 1e-12);
    }

    @Test
    @DisplayName("Erlang C: the shipped mmc-check (M/M/8, rho = 0.8) contains Wq")
    void shippedMmcCheckScenarioContainsErlangC() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("mmc-check"));
        assertContains(scenario, ErlangC.meanWait(8, 6.4, 1.0), 10);
    }

    /** Mean wait of M/M/c with unit-mean service: Erlang C inside the 95 % interval over replications. */
    @ParameterizedTest(name = "Erlang C: M/M/{0} at lambda {1}/h (rho = {1}/{0})")
    @CsvSource({"1, 0.7, 2000", "4, 3.6, 1000", "16, 15.2, 400"})
    void otherSettingsContainErlangC(int servers, double lambda, int days) {
        String yaml = """
                name: mmc
                start: 2025-01-01
                horizon: 2025-01-01
                warmup-days: 20
                seed: 7
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 1 } }
                sites:
                  - { id: q, provider: lab, build-out: [ { date: 2024-01-01, gpu-type: H100, gpus: %d } ] }
                demand:
                  - { class: jobs, kind: sized, arrivals-per-hour: %s, gpus: 1, hours: { exponential: { mean: 1 } } }
                """.formatted(servers, lambda).replace("horizon: 2025-01-01",
                "horizon: " + java.time.LocalDate.of(2025, 1, 1).plusDays(days));
        assertContains(TestScenarios.load(dir, yaml), ErlangC.meanWait(servers, lambda, 1.0), 10);
    }

    /**
     * Pollaczek-Khinchine: an M/G/1 queue's mean wait is Wq = lambda E[S^2] / (2 (1 - rho)). With
     * lognormal service of median e^-1/2 h and sigma 1, E[S] = 1 h and E[S^2] = e h^2, so at
     * lambda = 0.6/h, Wq = 0.6 e / 0.8 = 2.039 h.
     */
    @Test
    @DisplayName("Pollaczek-Khinchine: M/G/1 with lognormal service, Wq = lambda E[S^2] / (2 (1 - rho))")
    void mg1WithLognormalServiceContainsPollaczekKhinchine() {
        double lambda = 0.6;
        double sigma = 1.0;
        double median = Math.exp(-sigma * sigma / 2); // E[S] = median e^(sigma^2 / 2) = 1 h
        double meanSquare = median * median * Math.exp(2 * sigma * sigma);
        double expected = lambda * meanSquare / (2 * (1 - lambda));
        String yaml = """
                name: mg1
                start: 2025-01-01
                horizon: 2031-06-30
                warmup-days: 30
                seed: 11
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 1 } }
                sites:
                  - { id: q, provider: lab, build-out: [ { date: 2024-01-01, gpu-type: H100, gpus: 1 } ] }
                demand:
                  - { class: jobs, kind: sized, arrivals-per-hour: %s, gpus: 1,
                      hours: { lognormal: { median: %s, sigma: %s } } }
                """.formatted(lambda, median, sigma);
        assertContains(TestScenarios.load(dir, yaml), expected, 10, "Pollaczek-Khinchine");
    }

    /** The fixed trace below on an 8-GPU pool: (id, submit h, GPUs, hours). */
    private static final String TRACE = """
            id,submit,gpus,hours
            a,0,6,10
            b,1,4,5
            c,2,2,3
            d,3,8,2
            e,4,2,4
            f,11,4,3
            """;

    /**
     * Strict FIFO by hand: a runs 0-10. b (4 GPUs) waits for a; c and everything behind b wait
     * too, though c would fit. At 10 b and c start (2 GPUs left); d needs all 8 and blocks e and
     * f. c ends at 13, b at 15: d runs 15-17, then e and f start together at 17.
     *
     * <p>EASY by hand: b is the head, reserved at 10 (when a frees its 6 GPUs). c (2 GPUs, 3 h)
     * fits in the 2 free GPUs and ends at 5, before 10: it starts at 2. At 5 e fits likewise (ends
     * 9). At 10 b starts; d becomes the head, reserved at 15 (when b ends). f arrives at 11, fits
     * in b's 4 spare GPUs and ends at 14, before 15: it starts at once. d runs 15-17 either way.
     */
    @ParameterizedTest(name = "hand schedule under {0}")
    @CsvSource(delimiter = '|', value = {
        "fifo          | a 0 10, b 10 15, c 10 13, d 15 17, e 17 21, f 17 20",
        "easy-backfill | a 0 10, b 10 15, c 2 5, d 15 17, e 5 9, f 11 14"})
    @DisplayName("Gang scheduling: a fixed trace follows the FIFO and EASY-backfill schedules worked out by hand")
    void fixedTraceFollowsTheHandComputedSchedule(String scheduling, String schedule) {
        TestScenarios.write(dir, "hand.csv", TRACE);
        String yaml = """
                name: hand
                start: 2025-01-01
                horizon: 2025-01-05
                scheduling: %s
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 1 } }
                sites:
                  - { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 8 } ] }
                demand:
                  - { class: t, kind: trace, file: hand.csv, time-unit: hours,
                      columns: { submit: submit, gpus: gpus, duration: hours, id: id } }
                """.formatted(scheduling);
        MemoryRecorder run = TestScenarios.run(TestScenarios.load(dir, yaml), null, 1).first();
        for (String entry : schedule.split(",")) {
            String[] f = entry.trim().split(" ");
            MemoryRecorder.JobRow job = run.job(f[0]);
            assertEquals(Double.parseDouble(f[1]), job.start(), 1e-9, scheduling + ": start of " + f[0]);
            assertEquals(Double.parseDouble(f[2]), job.end(), 1e-9, scheduling + ": end of " + f[0]);
        }
    }

    /**
     * Scaling-law sizing: a job of C FLOP on a GPU type of peak P at utilization u, to finish in
     * T, gets ceil(C / (P u T)) GPUs (at most max-gpus), on whichever type it lands; and its
     * model is sized by Chinchilla (C = 6 N D, D = 20 N).
     */
    @Test
    @DisplayName("Scaling-law sizing: GPUs = ceil(C / (peak x MFU x target)), N = sqrt(C / 120), D = 20 N")
    void scalingLawJobsAreSizedByTheFormula() throws IOException {
        Path scenario = TestScenarios.write(dir, "sizing.yaml", """
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
                """);
        Path out = dir.resolve("sizing");
        int exit = org.capsim.cli.Main.run(new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet",
            "--no-charts"}, System.out, System.err);
        assertEquals(0, exit);
        Map<String, Double> peak = Map.of("H100", 989e12, "GB200", 2500e12);
        Map<String, Integer> byType = new HashMap<>();
        try (Reader in = Files.newBufferedReader(out.resolve("jobs.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                if (row.get("pool_type").isEmpty()) {
                    continue;
                }
                double flops = Double.parseDouble(row.get("flops"));
                long expected = Math.min(16000,
                        (long) Math.ceil(flops / (peak.get(row.get("pool_type")) * 0.35 * 10 * 24 * 3600)));
                assertEquals(Math.max(1, expected), Long.parseLong(row.get("gpus")), row.toString());
                double params = Math.sqrt(flops / 120);
                assertEquals(params, Double.parseDouble(row.get("model_params")), 1e-6 * params, row.toString());
                assertEquals(20 * params, Double.parseDouble(row.get("tokens")), 2e-5 * params, row.toString());
                byType.merge(row.get("pool_type"), 1, Integer::sum);
            }
        }
        assertTrue(byType.getOrDefault("H100", 0) > 20 && byType.getOrDefault("GB200", 0) > 20, "jobs on both types: " + byType);
    }

    private static void assertContains(Scenario scenario, double expected, int replications) {
        assertContains(scenario, expected, replications, "Erlang-C");
    }

    private static void assertContains(Scenario scenario, double expected, int replications, String formula) {
        List<ReplicationResult> results = TestScenarios.figures(scenario, replications, 2);
        Estimate wait = Estimate.of(results.stream().mapToDouble(r -> r.metrics().get("wait_h_mean")).toArray());
        System.out.printf("%s: %s Wq = %.4f h, simulated %.4f +- %.4f h (n = %d)%n", scenario.name(), formula, expected,
                wait.mean(), wait.ci95(), wait.n());
        assertTrue(Math.abs(wait.mean() - expected) <= wait.ci95(),
                formula + " mean wait " + expected + " outside " + wait.mean() + " +- " + wait.ci95());
        // and the interval is informative: narrower than a fifth of the value
        assertTrue(wait.ci95() < expected / 5, "interval too wide to be a test: " + wait.ci95());
    }
}
