package org.capsim.random;

import java.util.Arrays;

import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A distribution named in a scenario (GPU counts, hours, delays). Values are validated when the
 * scenario is read; {@link #sampler} binds one to a random stream.
 */
public sealed interface Distribution {

    /** Binds this distribution to a stream; the sampler draws from it. */
    Sampler sampler(RandomGenerator stream);

    /** The mean, for reports and sanity checks. */
    double mean();

    /** Smallest value the distribution can produce. */
    double min();

    /** Largest value the distribution can produce (may be infinite). */
    double max();

    /** Draws values; not thread-safe (one per stream). */
    @FunctionalInterface
    interface Sampler {
        double sample();
    }

    /** A bare number. */
    record Fixed(double value) implements Distribution {
        public Sampler sampler(RandomGenerator stream) {
            return () -> value;
        }

        public double mean() {
            return value;
        }

        public double min() {
            return value;
        }

        public double max() {
            return value;
        }
    }

    /** {@code { uniform: [a, b] }}. */
    record Uniform(double low, double high) implements Distribution {
        public Sampler sampler(RandomGenerator stream) {
            if (low == high) {
                return () -> low;
            }
            UniformRealDistribution uniform = new UniformRealDistribution(stream, low, high);
            return uniform::sample;
        }

        public double mean() {
            return (low + high) / 2;
        }

        public double min() {
            return low;
        }

        public double max() {
            return high;
        }
    }

    /** {@code { log-uniform: [a, b] }}: the logarithm is uniform; a &gt; 0. */
    record LogUniform(double low, double high) implements Distribution {
        public Sampler sampler(RandomGenerator stream) {
            if (low == high) {
                return () -> low;
            }
            UniformRealDistribution logs = new UniformRealDistribution(stream, Math.log(low), Math.log(high));
            return () -> Math.exp(logs.sample());
        }

        public double mean() {
            return (high - low) / Math.log(high / low);
        }

        public double min() {
            return low;
        }

        public double max() {
            return high;
        }
    }

    /** {@code { lognormal: { median: m, sigma: s } }}: ln X ~ N(ln m, s^2). */
    record LogNormal(double median, double sigma) implements Distribution {
        public Sampler sampler(RandomGenerator stream) {
            if (sigma == 0) {
                return () -> median;
            }
            LogNormalDistribution logNormal = new LogNormalDistribution(stream, Math.log(median), sigma);
            return logNormal::sample;
        }

        public double mean() {
            return median * Math.exp(sigma * sigma / 2);
        }

        public double min() {
            return sigma == 0 ? median : 0;
        }

        public double max() {
            return sigma == 0 ? median : Double.POSITIVE_INFINITY;
        }
    }

    /** {@code { exponential: { mean: m } }}. */
    record Exponential(double mean) implements Distribution {
        public Sampler sampler(RandomGenerator stream) {
            ExponentialDistribution exponential = new ExponentialDistribution(stream, mean);
            return exponential::sample;
        }

        public double min() {
            return 0;
        }

        public double max() {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** {@code { choice: { 1: 0.5, 8: 0.5 } }}: value to probability; probabilities sum to 1. */
    record Choice(double[] values, double[] probabilities) implements Distribution {
        public Choice {
            values = values.clone();
            probabilities = probabilities.clone();
        }

        public Sampler sampler(RandomGenerator stream) {
            if (values.length == 1) {
                double only = values[0];
                return () -> only;
            }
            EnumeratedRealDistribution choice = new EnumeratedRealDistribution(stream, values, probabilities);
            return choice::sample;
        }

        public double mean() {
            double mean = 0;
            for (int i = 0; i < values.length; i++) {
                mean += values[i] * probabilities[i];
            }
            return mean;
        }

        public double min() {
            return Arrays.stream(values).min().orElse(0);
        }

        public double max() {
            return Arrays.stream(values).max().orElse(0);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Choice c && Arrays.equals(values, c.values)
                    && Arrays.equals(probabilities, c.probabilities);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(probabilities);
        }

        @Override
        public String toString() {
            return "Choice" + Arrays.toString(values) + Arrays.toString(probabilities);
        }
    }

    /** {@code { empirical: { file: f.csv, column: c } }}: resamples the column's values uniformly. */
    record Empirical(String source, double[] values) implements Distribution {
        public Empirical {
            values = values.clone();
        }

        public Sampler sampler(RandomGenerator stream) {
            double[] data = values;
            return () -> data[stream.nextInt(data.length)];
        }

        public double mean() {
            return Arrays.stream(values).average().orElse(0);
        }

        public double min() {
            return Arrays.stream(values).min().orElse(0);
        }

        public double max() {
            return Arrays.stream(values).max().orElse(0);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Empirical e && source.equals(e.source) && Arrays.equals(values, e.values);
        }

        @Override
        public int hashCode() {
            return 31 * source.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Empirical[" + source + ", " + values.length + " values]";
        }
    }
}
