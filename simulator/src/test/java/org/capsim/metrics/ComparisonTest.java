package org.capsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * The intervals of a comparison are the textbook ones: checked against commons-math's t-tests,
 * whose p-value is exactly 0.05 when the observed difference equals the 95 % half width.
 */
class ComparisonTest {

    private static final double[] A = {12.1, 9.8, 14.5, 11.0, 10.2, 13.7, 12.9, 8.8};
    private static final double[] NOISE = {0.4, -0.3, 0.9, 0.1, -0.6, 0.5, 0.2, -0.2};

    @Test
    void pairedHalfWidthIsWhereThePairedTTestTurnsSignificant() {
        double[] b = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            b[i] = A[i] + 1.0 + NOISE[i]; // the policies share A's noise
        }
        Comparison.Difference d = Comparison.difference(A, b);
        assertEquals(A.length, d.n());
        assertEquals(1.0 + Arrays.stream(NOISE).average().orElseThrow(), d.mean(), 1e-12);
        // shift b so that the mean difference is exactly the half width: p = 0.05
        double[] atEdge = shifted(b, d.ci95() - d.mean());
        assertEquals(0.05, new TTest().pairedTTest(A, atEdge), 1e-9);
        assertTrue(d.excludesZero());
    }

    @Test
    void unpairedHalfWidthIsWhereWelchsTTestTurnsSignificant() {
        double[] b = {15.0, 10.1, 12.2, 16.9, 11.4, 13.3, 18.0, 9.9, 14.4, 12.8};
        double half = Stats.welchCi95(A, b);
        double diff = Stats.mean(b) - Stats.mean(A);
        double[] atEdge = shifted(b, half - diff);
        assertEquals(0.05, new TTest().tTest(A, atEdge), 1e-9); // commons-math's two-sample test is Welch's
    }

    @Test
    void sharedNoiseMakesThePairedIntervalNarrower() {
        double[] b = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            b[i] = A[i] + 1.0 + NOISE[i];
        }
        Comparison.Difference d = Comparison.difference(A, b);
        assertTrue(d.ci95() < d.unpairedCi95() / 3, d.ci95() + " vs unpaired " + d.unpairedCi95());
        assertFalse(d.unpairedCi95() < Math.abs(d.mean()), "unpaired, the difference of 1 is lost in the noise");
    }

    /**
     * A metric every replication shares (an inference reservation's GPU-hours: 48,744,000 summed
     * at each replication's own event times) differs in its last digits only: no spread and no
     * difference, not "± 1.9e-13" in the tables. A real spread, however small, stays.
     */
    @Test
    void valuesThatDifferByRoundingAloneHaveNoSpreadAndNoDifference() {
        double[] a = {48_744_000.00000001, 48_743_999.99999999, 48_744_000.0};
        double[] b = {48_744_000.0, 48_744_000.00000003, 48_743_999.99999998};
        assertEquals(new Estimate(Stats.mean(a), 0, 3), Estimate.of(a));
        assertEquals(0, Stats.welchCi95(a, b));
        Comparison.Difference d = Comparison.difference(a, b);
        assertEquals(0, d.mean());
        assertEquals(0, d.ci95());
        assertFalse(d.excludesZero());

        double[] spread = {48_744_000.0, 48_744_000.01, 48_743_999.99}; // a hundredth of a GPU-hour
        assertTrue(Estimate.of(spread).ci95() > 0.01, "a spread above rounding is reported");
        assertTrue(Comparison.difference(a, spread).ci95() > 0.01);
    }

    @Test
    void replicationsWhereEitherIsUndefinedAreLeftOut() {
        Comparison.Difference d = Comparison.difference(new double[] {1, Double.NaN, 3, 4}, new double[] {2, 5, Double.NaN, 6});
        assertEquals(2, d.n());
        assertEquals(1.5, d.mean(), 1e-12);
        Comparison.Difference single = Comparison.difference(new double[] {1}, new double[] {3});
        assertEquals(0.0, single.ci95());
        assertFalse(single.excludesZero(), "one replication proves nothing");
        assertTrue(Double.isNaN(single.unpairedCi95()));
    }

    @Test
    void comparesEveryMetricAndProviderOfEachPolicyWithTheFirst() {
        List<ReplicationResult> base = List.of(result(1, 10, 0.5), result(2, 12, 0.6), result(3, 11, 0.4));
        List<ReplicationResult> other = List.of(result(1, 8, 0.7), result(2, 9, 0.7), result(3, 9, 0.6));
        Comparison c = Comparison.of(List.of("exclusive", "rofr"), List.of(base, other));
        assertEquals("exclusive", c.baseline());
        assertEquals(1, c.policies().size());
        Comparison.Against rofr = c.policies().get(0);
        assertEquals("rofr", rofr.policy());
        assertEquals(-7.0 / 3, rofr.metrics().get("wait_h_mean").mean(), 1e-12);
        assertEquals(0.5 / 3, rofr.providers().get("azure").get("share_gpu_hours").mean(), 1e-12);
        assertEquals(3, rofr.metrics().get("wait_h_mean").n());
    }

    /** Per class and per site, each metric's paired difference is the hand-computed one of its per-replication values. */
    @Test
    void comparesEachClassAndSiteByHand() {
        List<ReplicationResult> base = List.of(grouped(1, 10, 40, 0.5), grouped(2, 12, 41, 0.6), grouped(3, 11, 39, 0.7));
        List<ReplicationResult> other = List.of(grouped(1, 8, 44, 0.6), grouped(2, 9, Double.NaN, 0.6),
                grouped(3, 9.5, 42, 0.9));
        Comparison.Against rofr = Comparison.of(List.of("exclusive", "rofr"), List.of(base, other)).policies().get(0);
        double t2 = 4.302652729749464; // Student t, 97.5 % quantile, 2 degrees of freedom
        // train's wait: differences -2, -3, -1.5: mean -13/6, sample variance 7/12
        Comparison.Difference wait = rofr.classes().get("train").get("wait_h_mean");
        assertEquals(-13.0 / 6, wait.mean(), 1e-12);
        assertEquals(t2 * Math.sqrt(7.0 / 12 / 3), wait.ci95(), 1e-9); // the t quantile is computed to ~1e-11
        assertEquals(3, wait.n());
        assertTrue(wait.excludesZero());
        // its completed jobs: replication 2 undefined under rofr, so differences 4 and 3 over n = 2
        Comparison.Difference completed = rofr.classes().get("train").get("jobs_completed");
        assertEquals(2, completed.n());
        assertEquals(3.5, completed.mean(), 1e-12);
        assertEquals(12.706204736174696 * Math.sqrt(0.5) / Math.sqrt(2), completed.ci95(), 1e-9); // t(0.975, 1); variance 1/2
        // abilene's utilization: differences 0.1, 0, 0.2: mean 0.1, sample standard deviation 0.1
        Comparison.Difference utilization = rofr.sites().get("abilene").get("utilization");
        assertEquals(0.1, utilization.mean(), 1e-12);
        assertEquals(t2 * 0.1 / Math.sqrt(3), utilization.ci95(), 1e-9);
        assertFalse(utilization.excludesZero());
        assertEquals(List.of("train"), List.copyOf(rofr.classes().keySet()));
        assertEquals(List.of("abilene"), List.copyOf(rofr.sites().keySet()));
    }

    private static ReplicationResult grouped(int replication, double wait, double completed, double utilization) {
        Map<String, Double> train = new java.util.LinkedHashMap<>();
        train.put("wait_h_mean", wait);
        train.put("jobs_completed", completed);
        return new ReplicationResult(replication, Map.of("wait_h_mean", wait), Map.of("train", train), Map.of(),
                Map.of("abilene", Map.of("utilization", utilization)), 0, 0);
    }

    private static ReplicationResult result(int replication, double wait, double share) {
        return new ReplicationResult(replication, Map.of("wait_h_mean", wait),
                Map.of(), Map.of("azure", Map.of("share_gpu_hours", share)), Map.of(), 0, 0);
    }

    private static double[] shifted(double[] values, double by) {
        return Arrays.stream(values).map(v -> v + by).toArray();
    }
}
