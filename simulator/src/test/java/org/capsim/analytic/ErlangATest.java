package org.capsim.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.Estimate;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.PoolRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Patience against Erlang A (M/M/c+M): exponential service of mean 1 h on c one-GPU servers,
 * exponential patience. The simulated abandonment share and time-average queue length must have
 * the birth-death chain's values inside their 95 % intervals over replications, and the
 * intervals must be narrow enough for that to mean something.
 */
class ErlangATest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Erlang A: with no abandonment it is Erlang C, and M/M/1+M has a closed form")
    void chainMatchesKnownCases() {
        // theta -> 0 below capacity: Erlang C's Lq = C(c, a) a / (c - a); M/M/2 at a = 1 has C = 1/3
        assertEquals(1.0 / 3.0, ErlangA.of(2, 1.0, 1.0, 1e-12).meanQueue(), 1e-9);
        // theta = mu: every job in system leaves at rate n mu, so N is Poisson(lambda / mu) like M/M/inf
        double a = 3.0;
        double expected = a - 1 + Math.exp(-a); // E[(N - 1)+] for N ~ Poisson(a) = E[N] - 1 + P(N = 0)
        assertEquals(expected, ErlangA.of(1, a, 1.0, 1.0).meanQueue(), 1e-9);
    }

    @ParameterizedTest(name = "M/M/{0}+M at lambda {1}/h, mean patience {2} h")
    @CsvSource({"1, 0.9, 2.0", "4, 5.0, 1.0", "16, 15.0, 5.0"})
    @DisplayName("Erlang A: abandonment share and mean queue length match the birth-death chain")
    void simulatedQueueMatchesTheChain(int servers, double lambda, double patienceHours) {
        ErlangA.Figures chain = ErlangA.of(servers, lambda, 1.0, 1.0 / patienceHours);
        String yaml = """
                name: erlang-a
                start: 2025-01-01
                horizon: 2025-04-30
                warmup-days: 10
                seed: 5
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 1 } }
                sites:
                  - { id: q, provider: lab, build-out: [ { date: 2024-01-01, gpu-type: H100, gpus: %d } ] }
                demand:
                  - { class: jobs, kind: sized, arrivals-per-hour: %s, gpus: 1, hours: { exponential: { mean: 1 } },
                      patience-days: { exponential: { mean: %s } } }
                """.formatted(servers, lambda, patienceHours / 24);
        Scenario scenario = TestScenarios.load(dir, yaml);
        int replications = 8;
        TestScenarios.Run run = TestScenarios.run(scenario, null, replications);
        double[] shares = new double[replications];
        double[] queues = new double[replications];
        for (int r = 0; r < replications; r++) {
            var metrics = run.results().get(r).metrics();
            shares[r] = metrics.get("jobs_abandoned") / metrics.get("jobs_arrived");
            queues[r] = meanQueue(run.records().get(r), scenario.warmupHours(), scenario.endHours());
        }
        assertInside("abandonment share", chain.abandonedShare(), Estimate.of(shares));
        assertInside("mean queue length", chain.meanQueue(), Estimate.of(queues));
    }

    /** Time-average number of queued jobs over [from, to], from the pool's rows at every change. */
    private static double meanQueue(MemoryRecorder record, double from, double to) {
        List<PoolRow> rows = record.pools;
        double area = 0;
        for (int i = 0; i < rows.size(); i++) {
            double begin = Math.max(rows.get(i).time(), from);
            double end = Math.min(i + 1 < rows.size() ? rows.get(i + 1).time() : to, to);
            if (end > begin) {
                area += rows.get(i).queuedJobs() * (end - begin);
            }
        }
        return area / (to - from);
    }

    private static void assertInside(String what, double expected, Estimate simulated) {
        System.out.printf("Erlang A %s: chain %.4f, simulated %.4f +- %.4f (n = %d)%n", what, expected,
                simulated.mean(), simulated.ci95(), simulated.n());
        assertTrue(Math.abs(simulated.mean() - expected) <= simulated.ci95(),
                what + " " + expected + " outside " + simulated.mean() + " +- " + simulated.ci95());
        assertTrue(simulated.ci95() < expected / 5, what + ": interval too wide to be a test: " + simulated.ci95());
    }
}
