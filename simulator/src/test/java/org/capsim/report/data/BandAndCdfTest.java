package org.capsim.report.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.capsim.metrics.DoubleList;
import org.junit.jupiter.api.Test;

class BandAndCdfTest {

    /** Law: the band is the mean and the R-7 5th and 95th percentiles across replications, leaving out undefined values. */
    @Test
    void bandIsMeanAndPercentilesAcrossReplications() {
        Band band = Band.of(List.of(new double[] {0, 1, Double.NaN}, new double[] {10, 1, Double.NaN},
                new double[] {20, 1, 5}));
        assertArrayEquals(new double[] {10, 1, 5}, band.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 5}, band.low(), 1e-12); // 0 + 0.05 * 2 * 10
        assertArrayEquals(new double[] {19, 1, 5}, band.high(), 1e-12);
        assertTrue(Double.isNaN(Band.of(List.<double[]>of(new double[] {Double.NaN})).mean()[0]));
    }

    /** Law: the CDF is right-continuous, rises to 1, and at each drawn value is the exact share at or below it. */
    @Test
    void cdfGivesTheShareAtOrBelowEachValue() {
        DoubleList sample = new DoubleList();
        for (double v : new double[] {0, 0, 0, 5, 10, 10, 20, 40}) {
            sample.add(v);
        }
        Cdf cdf = Cdf.of(sample);
        assertEquals(8, cdf.count());
        assertEquals(0, cdf.values()[0]);
        assertEquals(3 / 8.0, cdf.probability()[0]); // the three zeros
        assertEquals(1.0, cdf.probability()[cdf.probability().length - 1]);
        assertEquals(6 / 8.0, cdf.at(10));
        assertEquals(6 / 8.0, cdf.at(19.9));
        for (int k = 1; k < cdf.values().length; k++) {
            assertTrue(cdf.values()[k] >= cdf.values()[k - 1] && cdf.probability()[k] >= cdf.probability()[k - 1]);
        }
        assertEquals(0, Cdf.of(new DoubleList()).count());
    }

    /** A large sample draws as a bounded number of points, still ending at its maximum. */
    @Test
    void largeSamplesAreReducedToAFewHundredPoints() {
        DoubleList sample = new DoubleList();
        for (int i = 1; i <= 100_000; i++) {
            sample.add(i);
        }
        Cdf cdf = Cdf.of(sample);
        assertTrue(cdf.values().length <= Cdf.POINTS + 1);
        assertEquals(100_000, cdf.values()[cdf.values().length - 1]);
        assertEquals(0.5, cdf.at(50_000), 1e-9);
    }

    /** Law: past its capacity the sample stays uniform (the CDF is within sampling error) and repeatable. */
    @Test
    void aLargeGroupIsSampledUniformlyAndRepeatably() {
        WaitSample a = new WaitSample();
        WaitSample b = new WaitSample();
        int n = 3 * WaitSample.CAPACITY;
        for (int i = 0; i < n; i++) {
            double wait = (i * 7919L % n) / (double) n; // every value of [0, 1) once, in a scrambled order
            a.add(WaitSample.key(1, i), wait);
            b.add(WaitSample.key(1, i), wait);
        }
        Cdf cdf = a.cdf();
        assertEquals(n, cdf.count());
        for (double x : new double[] {0.1, 0.25, 0.5, 0.9}) {
            assertEquals(x, cdf.at(x), 0.01, "share at or below " + x); // 100,000 samples: sd 0.0016, and 200 points
        }
        assertArrayEquals(cdf.values(), b.cdf().values());
    }

    /**
     * Law: the sample of a group does not depend on how its waits are split or in which order the
     * parts merge (replications finish in any order on several threads).
     */
    @Test
    void mergingReplicationsInAnyOrderGivesTheSampleOfAllTheirWaits() {
        int replications = 4;
        int perReplication = WaitSample.CAPACITY / 2 + 17;
        WaitSample all = new WaitSample();
        WaitSample[] parts = new WaitSample[replications];
        for (int r = 0; r < replications; r++) {
            parts[r] = new WaitSample();
            for (int row = 0; row < perReplication; row++) {
                double wait = Math.floorMod(row * 31L + r * 1_000_003L, 9_973) / 10.0;
                all.add(WaitSample.key(r + 1, row), wait);
                parts[r].add(WaitSample.key(r + 1, row), wait);
            }
        }
        WaitSample forward = new WaitSample();
        WaitSample backward = new WaitSample();
        for (int r = 0; r < replications; r++) {
            forward.merge(parts[r]);
            backward.merge(parts[replications - 1 - r]);
        }
        Cdf expected = all.cdf();
        assertEquals((long) replications * perReplication, expected.count());
        for (WaitSample merged : new WaitSample[] {forward, backward}) {
            Cdf cdf = merged.cdf();
            assertEquals(expected.count(), cdf.count());
            assertArrayEquals(expected.values(), cdf.values());
            assertArrayEquals(expected.probability(), cdf.probability());
        }
    }
}
