package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CapacityPlanTest {

    @Test
    void stepsBeforeTheStartAreInstalledAndMaxLooksAhead() {
        CapacityPlan plan = new CapacityPlan(List.of(new CapacityPlan.Step(-100, 50), new CapacityPlan.Step(0, 10),
                new CapacityPlan.Step(24, 40), new CapacityPlan.Step(48, -70), new CapacityPlan.Step(72, 5)));
        assertEquals(60, plan.initial());
        assertEquals(3, plan.steps());
        assertEquals(100, plan.maxFrom(0)); // 60 -> 100 -> 30 -> 35
        assertEquals(100, plan.maxFrom(1));
        assertEquals(35, plan.maxFrom(2));
        assertEquals(35, plan.maxFrom(3));
    }
}
