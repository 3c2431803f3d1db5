package org.capsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Law: waits kept as a count of zeros and the sorted rest give, bit for bit, the order, mean and
 * percentiles of the whole sample sorted, whatever mix of +0.0, -0.0, negative and positive
 * values it holds.
 */
class WaitsTest {

    private static final double[] VALUES = {0.0, 0.0, 0.0, -0.0, -1.5, 1e-9, 0.25, 3, 3, 1e6, 17.125};

    @Test
    void sameAsSortingTheWholeSample() {
        SplittableRandom random = new SplittableRandom(11);
        double[] ps = {0.5, 1, 5, 25, 50, 75, 95, 99, 100};
        int samples = 0;
        int withZerosInside = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            int n = trial < 12 ? trial : 1 + random.nextInt(trial % 4 == 0 ? 3_000 : 40);
            double zeroShare = random.nextDouble();
            boolean signed = trial % 5 == 0; // now and then -0.0 and negatives, as a bad policy might make
            Waits waits = new Waits();
            double[] all = new double[n];
            for (int i = 0; i < n; i++) {
                double v = random.nextDouble() < zeroShare ? 0.0
                        : signed ? VALUES[random.nextInt(VALUES.length)] : random.nextInt(4) == 0 ? random.nextInt(20)
                                : random.nextDouble() * 1e4;
                all[i] = v;
                waits.add(v);
            }
            Arrays.sort(all);
            Waits.Sorted sorted = waits.sorted();
            assertEquals(n, waits.count());
            assertEquals(n, sorted.length());
            for (int k = 0; k < n; k++) {
                assertEquals(Double.doubleToRawLongBits(all[k]), Double.doubleToRawLongBits(sorted.get(k)),
                        "trial " + trial + ", element " + k);
            }
            assertEquals(Double.doubleToRawLongBits(Stats.mean(all)), Double.doubleToRawLongBits(sorted.mean()),
                    "trial " + trial + ": the mean");
            for (double p : ps) {
                assertEquals(Double.doubleToRawLongBits(Stats.percentileOfSorted(all, p)),
                        Double.doubleToRawLongBits(sorted.percentile(p)), "trial " + trial + ": p" + p);
            }
            samples++;
            if (sorted.split() > 0 && sorted.zeros() > 0 && sorted.split() < sorted.rest().length) {
                withZerosInside++; // zeros between kept values on both sides: the case the split exists for
            }
        }
        assertEquals(2_000, samples);
        assertTrue(withZerosInside > 50, "too few samples with values on both sides of the zeros: " + withZerosInside);
    }

    @Test
    void zerosAreCountedNotKept() {
        Waits waits = new Waits();
        for (int i = 0; i < 1_000; i++) {
            waits.add(i % 10 == 0 ? 2.5 : 0.0);
        }
        Waits.Sorted sorted = waits.sorted();
        assertEquals(100, sorted.rest().length);
        assertEquals(900, sorted.zeros());
        assertEquals(0.25, sorted.mean());
        assertEquals(0.0, sorted.percentile(50));
        assertEquals(2.5, sorted.percentile(99));
    }

    @Test
    void emptyHasNoMeanOrPercentile() {
        Waits.Sorted sorted = new Waits().sorted();
        assertTrue(Double.isNaN(sorted.mean()));
        assertTrue(Double.isNaN(sorted.percentile(50)));
    }
}
