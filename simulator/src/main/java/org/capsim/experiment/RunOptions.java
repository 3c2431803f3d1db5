package org.capsim.experiment;

/**
 * How to run a scenario's replications.
 *
 * @param replications number of replications (numbered 1..n)
 * @param seed         root seed
 * @param threads      worker threads (1: in the calling thread)
 * @param sampleHours  sites.csv on a grid of this many hours, or 0 for a row at every change
 */
public record RunOptions(int replications, long seed, int threads, double sampleHours) {

    public RunOptions {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }
}
