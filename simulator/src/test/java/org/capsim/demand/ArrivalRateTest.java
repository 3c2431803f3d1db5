package org.capsim.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.MersenneTwister;
import org.capsim.model.Calendar;
import org.junit.jupiter.api.Test;

/** Poisson arrivals with a rate growing per year. */
class ArrivalRateTest {

    /** Law: the count in [0, T] is Poisson with mean = integral of lambda(t) = l0 (g^(T/Y) - 1) Y / ln g. */
    @Test
    void countMatchesIntegratedRate() {
        ArrivalRate rate = new ArrivalRate(0.5, 3.0);
        double horizon = 3 * Calendar.HOURS_PER_YEAR;
        double expected = 0.5 * (Math.pow(3.0, 3) - 1) * Calendar.HOURS_PER_YEAR / Math.log(3.0);
        MersenneTwister random = new MersenneTwister(5);
        int runs = 20;
        double total = 0;
        for (int r = 0; r < runs; r++) {
            double t = 0;
            int count = 0;
            while ((t = rate.next(t, -Math.log(1 - random.nextDouble()))) < horizon) {
                count++;
            }
            total += count;
        }
        double mean = total / runs;
        double sd = Math.sqrt(expected / runs); // Poisson: variance = mean
        assertTrue(Math.abs(mean - expected) < 4 * sd, mean + " vs " + expected);
    }

    @Test
    void constantRateIsExponentialGaps() {
        ArrivalRate rate = new ArrivalRate(2.0, 1.0);
        assertEquals(10.5, rate.next(10.0, 1.0), 1e-12);
        assertEquals(2.0 * 1.5, new ArrivalRate(2.0, 1.5).at(Calendar.HOURS_PER_YEAR), 1e-12);
    }

    @Test
    void zeroRateNeverArrives() {
        assertEquals(Double.POSITIVE_INFINITY, new ArrivalRate(0, 1).next(0, 1));
    }
}
