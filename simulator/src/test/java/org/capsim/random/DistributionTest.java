package org.capsim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Law: the sample mean of every distribution is within 4 standard errors of its mean; values stay in range. */
class DistributionTest {

    @Test
    void sampleMeansMatch() {
        List<Distribution> all = List.of(new Distribution.Fixed(3), new Distribution.Uniform(2, 6),
                new Distribution.LogUniform(1, 100), new Distribution.LogNormal(6, 0.8), new Distribution.Exponential(2.5),
                new Distribution.Choice(new double[] {1, 8, 64}, new double[] {0.5, 0.3, 0.2}),
                new Distribution.Empirical("test", new double[] {1, 2, 2, 10}));
        int n = 200_000;
        for (Distribution d : all) {
            Distribution.Sampler sampler = d.sampler(new MersenneTwister(9));
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double x = sampler.sample();
                assertTrue(x >= d.min() && x <= d.max(), d + " produced " + x);
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n;
            double se = Math.sqrt(Math.max(sumSq / n - mean * mean, 0) / n);
            assertTrue(Math.abs(mean - d.mean()) <= 4 * se + 1e-12, d + ": sample mean " + mean + " vs " + d.mean());
        }
        assertEquals(6 * Math.exp(0.32), new Distribution.LogNormal(6, 0.8).mean(), 1e-12);
    }
}
