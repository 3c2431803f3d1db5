package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CapacityPlanTest {

    @Test
    void stepsBeforeTheStartAreInstalledAndMaxLooksAhead() {
        CapacityPlan plan = new CapacityPlan(List.of(new CapacityPlan.Step(-100, 50), new CapacityPlan.Step(0, 10),
                new CapacityPlan.Step(24, 40), new CapacityPlan.Step(48, -70), new CapacityPlan.Step(72, 5)));
        assertEquals(60, plan.initial());
        assertEquals(List.of("24.0:40", "48.0:-70", "72.0:5"), believed(plan, 0)); // 60 -> 100 -> 30 -> 35
        assertEquals(24, plan.nextChange(0));
        assertEquals(40, plan.realizeUntil(24));
        assertEquals(List.of("48.0:-70", "72.0:5"), believed(plan, 24));
        assertEquals(-70, plan.realizeUntil(48));
        assertEquals(List.of("72.0:5"), believed(plan, 48));
    }

    @Test
    void aLateTrancheIsBelievedImminentAndACancelledOneVanishesAtItsDate() {
        // planned at 10 h but comes at 30 h; a second tranche planned at 20 h is cancelled
        CapacityPlan plan = new CapacityPlan(List.of(new CapacityPlan.Step(10, 100, 30),
                new CapacityPlan.Step(20, 50, Double.POSITIVE_INFINITY)));
        assertEquals(List.of("10.0:100", "20.0:50"), believed(plan, 0));
        assertEquals(10, plan.nextChange(0));
        assertEquals(0, plan.realizeUntil(10));
        assertEquals(List.of("15.0:100", "20.0:50"), believed(plan, 15)); // overdue: expected any moment
        assertEquals(20, plan.nextChange(15));
        assertEquals(List.of("25.0:100"), believed(plan, 25)); // the cancellation is known
        assertEquals(30, plan.nextChange(25));
        assertEquals(100, plan.realizeUntil(30));
        assertEquals(List.of(), believed(plan, 30));
        assertEquals(Double.POSITIVE_INFINITY, plan.nextChange(30));
    }

    private static List<String> believed(CapacityPlan plan, double now) {
        List<String> steps = new ArrayList<>();
        plan.forEachBelieved(now, (time, delta) -> steps.add(time + ":" + delta));
        return steps;
    }
}
