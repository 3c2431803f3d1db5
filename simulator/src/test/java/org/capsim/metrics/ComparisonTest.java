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

    private static ReplicationResult result(int replication, double wait, double share) {
        return new ReplicationResult(replication, Map.of("wait_h_mean", wait),
                Map.of(), Map.of("azure", Map.of("share_gpu_hours", share)), Map.of(), 0, 0);
    }

    private static double[] shifted(double[] values, double by) {
        return Arrays.stream(values).map(v -> v + by).toArray();
    }
}
