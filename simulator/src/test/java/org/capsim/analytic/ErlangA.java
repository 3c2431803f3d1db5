package org.capsim.analytic;

/**
 * M/M/c+M (Erlang A): Poisson arrivals at rate lambda, c servers of exponential service at rate
 * mu, and exponential patience at rate theta while queued. Its number in system is a
 * birth-death chain (birth lambda, death min(n, c) mu + max(n - c, 0) theta), solved here by
 * summing the stationary probabilities until they no longer matter.
 */
final class ErlangA {

    /** The stationary figures: mean queue length, and the share of arrivals that abandon. */
    record Figures(double meanQueue, double abandonedShare) {
    }

    private ErlangA() {
    }

    static Figures of(int c, double lambda, double mu, double theta) {
        double term = 1; // p_n / p_0
        double total = 1;
        double queued = 0; // sum of (n - c)+ p_n / p_0
        for (int n = 1; n < 1_000_000; n++) {
            term *= lambda / (Math.min(n, c) * mu + Math.max(n - c, 0) * theta);
            total += term;
            queued += Math.max(n - c, 0) * term;
            if (n > c && term < 1e-18 * total) {
                break;
            }
        }
        double meanQueue = queued / total;
        // abandonments happen at rate theta per queued job; per arrival, theta Lq / lambda
        return new Figures(meanQueue, theta * meanQueue / lambda);
    }
}
