package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.junit.jupiter.api.Test;

/** The rule that adds replications for --target-ci: deterministic, bounded, aimed at the target. */
class PrecisionTest {

    @Test
    void stopsWhenTheTargetIsMetOrTheCapReached() {
        Precision rule = new Precision(0.05, 100);
        assertEquals(10, rule.next(10, 0.049));
        assertEquals(10, rule.next(10, 0.05));
        assertEquals(100, rule.next(100, 0.5));
    }

    @Test
    void aimsAtTheReplicationsTheSquareRootLawAsksForAtMostDoubling() {
        Precision rule = new Precision(0.05, 1000);
        // 0.06 at n = 10: about 10 * (0.06 / 0.05)^2 = 14.4 -> 15
        assertEquals(15, rule.next(10, 0.06));
        // far off: capped at doubling, since an early spread estimate is rough
        assertEquals(20, rule.next(10, 0.5));
        // barely off: at least one more
        assertEquals(11, rule.next(10, 0.05000001));
        // undefined (no job started in some replications yet): double
        assertEquals(20, rule.next(10, Double.NaN));
        // never past the cap
        assertEquals(12, new Precision(0.05, 12).next(10, 0.5));
    }

    @Test
    void startsWithAtLeastTwoReplications() {
        assertEquals(2, new Precision(0.05, 50).initial(1));
        assertEquals(10, new Precision(0.05, 50).initial(10));
        assertEquals(50, new Precision(0.05, 50).initial(80));
        assertThrows(IllegalArgumentException.class, () -> new Precision(0, 50));
        assertThrows(IllegalArgumentException.class, () -> new Precision(0.05, 1));
    }

    @Test
    void theWorstPolicyDecides() {
        Summary tight = summary(new Estimate(10, 0.2, 10));
        Summary loose = summary(new Estimate(4, 0.4, 10));
        assertEquals(0.1, Precision.relativeHalfWidth(List.of(tight, loose)), 1e-12);
        assertEquals(0.0, Precision.relativeHalfWidth(List.of(summary(new Estimate(0, 0, 5)))), "no wait at all: exact");
        assertTrue(Double.isNaN(Precision.relativeHalfWidth(List.of(summary(new Estimate(Double.NaN, Double.NaN, 0))))));
    }

    private static Summary summary(Estimate wait) {
        return new Summary(wait.n(), Map.of(Precision.METRIC, wait), Map.of(), Map.of(), Map.of());
    }
}
