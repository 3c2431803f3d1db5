package org.capsim.bench;

import java.util.ArrayDeque;

import org.apache.commons.math3.random.MersenneTwister;

/**
 * The M/M/c logic of the kernel benchmark, independent of any event loop: each loop under test
 * calls {@link #arrive} and {@link #depart} and schedules what they return. The same seed gives
 * the same random draws, so every loop must produce the same mean wait.
 */
final class MmcModel {

    private final int servers;
    private final double lambda;
    private final double mu;
    private final MersenneTwister random;
    private final ArrayDeque<Double> queue = new ArrayDeque<>();
    private int busy;
    private double waitSum;
    private long served;

    MmcModel(int servers, double lambda, double mu, long seed) {
        this.servers = servers;
        this.lambda = lambda;
        this.mu = mu;
        this.random = new MersenneTwister(seed);
    }

    double interArrival() {
        return -Math.log(1 - random.nextDouble()) / lambda;
    }

    private double service() {
        return -Math.log(1 - random.nextDouble()) / mu;
    }

    /** A customer arrives at {@code now}; returns its service time if it starts at once, else NaN. */
    double arrive(double now) {
        if (busy < servers) {
            busy++;
            served++;
            return service();
        }
        queue.addLast(now);
        return Double.NaN;
    }

    /** A service ends at {@code now}; returns the next service time if someone was waiting, else NaN. */
    double depart(double now) {
        Double arrived = queue.pollFirst();
        if (arrived == null) {
            busy--;
            return Double.NaN;
        }
        waitSum += now - arrived;
        served++;
        return service();
    }

    double meanWait() {
        return waitSum / served;
    }
}
