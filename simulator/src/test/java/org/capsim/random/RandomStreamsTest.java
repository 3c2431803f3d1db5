package org.capsim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Streams depend only on (root seed, replication, name). */
class RandomStreamsTest {

    @Test
    void sameNameSameSequence() {
        RandomGenerator a = new RandomStreams(42, 3).stream("arrivals/frontier");
        RandomGenerator b = new RandomStreams(42, 3).stream("arrivals/frontier");
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void anyDifferenceGivesAnotherStream() {
        long base = RandomStreams.seed(42, 3, "arrivals/frontier");
        assertNotEquals(base, RandomStreams.seed(43, 3, "arrivals/frontier"));
        assertNotEquals(base, RandomStreams.seed(42, 4, "arrivals/frontier"));
        assertNotEquals(base, RandomStreams.seed(42, 3, "arrivals/research"));
    }

    /** Law: draws of two named streams are uncorrelated (|r| small for 20,000 pairs). */
    @Test
    void namedStreamsAreUncorrelated() {
        RandomGenerator a = new RandomStreams(1, 1).stream("sizes/a");
        RandomGenerator b = new RandomStreams(1, 1).stream("sizes/b");
        int n = 20_000;
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double x = a.nextDouble();
            double y = b.nextDouble();
            sa += x;
            sb += y;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        double r = (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
        assertTrue(Math.abs(r) < 4 / Math.sqrt(n), "correlation " + r);
    }
}
