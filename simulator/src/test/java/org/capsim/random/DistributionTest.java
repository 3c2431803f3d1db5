package org.capsim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * Law: each distribution's mean and range are those its parameters give in closed form, and its
 * sample mean lies within 4 standard errors of that mean with every value in that range.
 */
class DistributionTest {

    /** A distribution with its mean and range worked out here from the parameters, not by the code under test. */
    private record Case(Distribution distribution, double mean, double min, double max) {
    }

    private static final double INFINITY = Double.POSITIVE_INFINITY;

    private static List<Case> cases() {
        return List.of(
                new Case(new Distribution.Fixed(3), 3, 3, 3),
                // uniform on [a, b]: (a + b) / 2
                new Case(new Distribution.Uniform(2, 6), 4, 2, 6),
                // log-uniform on [a, b]: (b - a) / ln(b / a)
                new Case(new Distribution.LogUniform(1, 100), 99 / Math.log(100), 1, 100),
                // lognormal with median m = e^mu: exp(mu + sigma^2 / 2) = m exp(sigma^2 / 2)
                new Case(new Distribution.LogNormal(6, 0.8), Math.exp(Math.log(6) + 0.8 * 0.8 / 2), 0, INFINITY),
                // exponential given by its mean (rate 1 / 2.5)
                new Case(new Distribution.Exponential(2.5), 1 / (1 / 2.5), 0, INFINITY),
                // choice: 1 x 0.5 + 8 x 0.3 + 64 x 0.2
                new Case(new Distribution.Choice(new double[] {1, 8, 64}, new double[] {0.5, 0.3, 0.2}), 15.7, 1, 64),
                // empirical resampling: the average of the values (1 + 2 + 2 + 10) / 4
                new Case(new Distribution.Empirical("test", new double[] {1, 2, 2, 10}), 3.75, 1, 10));
    }

    @Test
    void meansAndRangesMatchTheClosedForms() {
        for (Case c : cases()) {
            Distribution d = c.distribution();
            assertEquals(c.mean(), d.mean(), 1e-12 * c.mean(), d + ": mean()");
            assertEquals(c.min(), d.min(), d + ": min()");
            assertEquals(c.max(), d.max(), d + ": max()");
        }
    }

    @Test
    void sampleMeansMatchTheClosedForms() {
        for (Case c : cases()) {
            Sample sample = Sample.of(c.distribution().sampler(new MersenneTwister(9)));
            assertTrue(sample.min() >= c.min() && sample.max() <= c.max(),
                    c.distribution() + " produced values in [" + sample.min() + ", " + sample.max() + "]");
            assertTrue(sample.within4StandardErrorsOf(c.mean()),
                    c.distribution() + ": sample mean " + sample.mean() + " vs " + c.mean() + " in closed form");
        }
    }

    /** A sampler whose mean is off by 3 % fails the check above: the check is tight enough to see a real bug. */
    @Test
    void theSampleCheckCatchesAShiftedSampler() {
        Distribution.Sampler right = new Distribution.LogNormal(6, 0.8).sampler(new MersenneTwister(9));
        Sample shifted = Sample.of(() -> right.sample() * 1.03);
        assertFalse(shifted.within4StandardErrorsOf(6 * Math.exp(0.32)), "sample mean " + shifted.mean());
    }

    /** Mean, standard error and observed range of 200,000 draws. */
    private record Sample(double mean, double standardError, double min, double max) {

        static Sample of(Distribution.Sampler sampler) {
            int n = 200_000;
            double sum = 0;
            double sumSq = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double x = sampler.sample();
                sum += x;
                sumSq += x * x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / n;
            return new Sample(mean, Math.sqrt(Math.max(sumSq / n - mean * mean, 0) / n), min, max);
        }

        boolean within4StandardErrorsOf(double expected) {
            return Math.abs(mean - expected) <= 4 * standardError + 1e-12;
        }
    }
}
