package org.capsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Law: reading a percentile off a sorted sample gives, bit for bit, what commons-math computes. */
class PercentileOfSortedTest {

    @Test
    void sameAsCommonsMathOnSortedSamples() {
        SplittableRandom random = new SplittableRandom(5);
        double[] ps = {0.5, 1, 5, 25, 50, 75, 95, 99, 100}; // commons-math takes (0, 100]
        int checked = 0;
        for (int trial = 0; trial < 3_000; trial++) {
            int n = trial < 10 ? trial : 1 + random.nextInt(trial % 3 == 0 ? 5_000 : 50);
            double[] sample = new double[n];
            for (int i = 0; i < n; i++) {
                // ties (whole hours) and spread values both
                sample[i] = random.nextBoolean() ? random.nextInt(20) : random.nextDouble() * 1e4;
            }
            Arrays.sort(sample);
            for (int k = 0; k <= ps.length; k++) {
                double p = k < ps.length ? ps[k] : 100 - random.nextDouble() * 99.9;
                double expected = Stats.percentile(sample, p);
                double actual = Stats.percentileOfSorted(sample, p);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                        () -> "n = " + n + ", p = " + p + ": " + expected + " against " + actual);
                checked++;
            }
        }
        assertEquals(3_000 * 10, checked);
    }
}
