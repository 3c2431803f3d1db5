package org.capsim.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.Estimate;
import org.capsim.metrics.ReplicationResult;
import org.capsim.scenario.Scenario;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator against Erlang C: an M/M/c queue's mean wait lies in the 95 % interval of the runs. */
class ErlangCTest {

    @TempDir
    Path dir;

    @Test
    void formulaMatchesPublishedValues() {
        // M/M/1: C = rho and Wq = rho / (mu - lambda)
        assertEquals(0.7, ErlangC.probabilityOfWaiting(1, 0.7), 1e-12);
        assertEquals(0.7 / 0.3, ErlangC.meanWait(1, 0.7, 1.0), 1e-12);
        // M/M/2 with a = 1: C = 1/3 (textbook value)
        assertEquals(1.0 / 3.0, ErlangC.probabilityOfWaiting(2, 1.0), 1e-12);
    }

    @Test
    void shippedMmcCheckScenarioContainsErlangC() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("mmc-check"));
        assertContains(scenario, ErlangC.meanWait(8, 6.4, 1.0), 10);
    }

    /** Mean wait of M/M/c with unit-mean service: Erlang C inside the 95 % interval over replications. */
    @ParameterizedTest(name = "M/M/{0} at lambda {1}/h")
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

    private static void assertContains(Scenario scenario, double expected, int replications) {
        List<ReplicationResult> results = TestScenarios.figures(scenario, replications, 2);
        Estimate wait = Estimate.of(results.stream().mapToDouble(r -> r.metrics().get("wait_h_mean")).toArray());
        System.out.printf("%s: Erlang-C Wq = %.4f h, simulated %.4f +- %.4f h (n = %d)%n", scenario.name(), expected,
                wait.mean(), wait.ci95(), wait.n());
        assertTrue(Math.abs(wait.mean() - expected) <= wait.ci95(),
                "Erlang-C mean wait " + expected + " outside " + wait.mean() + " +- " + wait.ci95());
        // and the interval is informative: narrower than a fifth of the value
        assertTrue(wait.ci95() < expected / 5, "interval too wide to be a test: " + wait.ci95());
    }
}
