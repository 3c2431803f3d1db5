package org.capsim.analytic;

/** Erlang's C formula for the M/M/c queue. */
final class ErlangC {

    private ErlangC() {
    }

    /** Probability that an arrival waits: C(c, a) with offered load a = lambda / mu &lt; c. */
    static double probabilityOfWaiting(int c, double a) {
        double term = 1; // a^k / k!
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double last = term * c / (c - a); // a^c / c! * c / (c - a)
        return last / (sum + last);
    }

    /** Mean wait in queue: Wq = C(c, a) / (c mu - lambda). */
    static double meanWait(int c, double lambda, double mu) {
        return probabilityOfWaiting(c, lambda / mu) / (c * mu - lambda);
    }
}
