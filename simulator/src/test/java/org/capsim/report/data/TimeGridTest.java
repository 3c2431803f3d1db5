package org.capsim.report.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TimeGridTest {

    @Test
    void choosesTheFinestRoundBinWithAtMostFourHundredBins() {
        assertEquals(1, TimeGrid.over(240).binHours());
        assertEquals(24, TimeGrid.over(365 * 24).binHours()); // a year: daily
        assertEquals(168, TimeGrid.over(4 * 365 * 24).binHours()); // four years: weekly
        assertEquals(400, TimeGrid.over(400).bins());
        assertEquals(6, TimeGrid.over(401).binHours());
    }

    /** Law: each bin holds the time average of the step function over it (the last bin may be shorter). */
    @Test
    void binsHoldTimeAveragesOfTheStepFunction() {
        TimeGrid grid = new TimeGrid(20, 6); // bins [0,6) [6,12) [12,18) [18,20)
        TimeGrid.Integral integral = grid.integral();
        integral.add(3, 19, 2); // spans four bins
        integral.add(-5, 1, 6); // clipped at 0
        integral.add(7, 7, 100); // empty
        assertArrayEquals(new double[] {(6 * 1 + 2 * 3) / 6.0, 2, 2, 2 * 1 / 2.0}, integral.averages(), 1e-12);
    }

    /** Law: the O(1) difference-array integral equals brute-force integration, interval by interval. */
    @Test
    void matchesBruteForceOnRandomIntervals() {
        SplittableRandom random = new SplittableRandom(11);
        TimeGrid grid = new TimeGrid(1000.5, 24);
        TimeGrid.Integral integral = grid.integral();
        double[] brute = new double[grid.bins()];
        for (int k = 0; k < 500; k++) {
            double from = random.nextDouble(-50, 1050);
            double to = from + random.nextDouble(0, 400);
            double value = random.nextDouble(0, 10);
            integral.add(from, to, value);
            for (int i = 0; i < brute.length; i++) {
                double lo = Math.max(from, grid.start(i));
                double hi = Math.min(to, Math.min(grid.endHours(), grid.start(i) + grid.binHours()));
                if (hi > lo) {
                    brute[i] += value * (hi - lo) / (Math.min(grid.endHours(), grid.start(i) + grid.binHours()) - grid.start(i));
                }
            }
        }
        assertArrayEquals(brute, integral.averages(), 1e-9);
    }
}
