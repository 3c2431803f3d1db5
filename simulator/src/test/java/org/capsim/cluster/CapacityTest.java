package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Law: with training capacity C = planned - reserved target, free = max(0, C - busy). */
class CapacityTest {

    @Test
    void aReservationTakesIdleGpusAtOnceAndBusyOnesAsTheyEnd() {
        Capacity capacity = new Capacity(new CapacityPlan(List.of(new CapacityPlan.Step(0, 100))));
        capacity.open(0);
        capacity.take(90);
        capacity.reserve(30, new double[0], new long[0]);
        assertEquals(10, capacity.reserved()); // only the 10 idle GPUs so far
        assertEquals(-20, capacity.margin());
        assertEquals(0, capacity.free());
        assertEquals(100, capacity.installed());
        capacity.release(40);
        assertEquals(30, capacity.reserved());
        assertEquals(20, capacity.free());
    }

    @Test
    void theLargestFutureTrainingCapacityIsNetOfTheExpectedReservation() {
        // 100 now, +50 at 10 h; the reservation takes 20 now and 40 more at 5 h
        Capacity capacity = new Capacity(new CapacityPlan(List.of(new CapacityPlan.Step(0, 100),
                new CapacityPlan.Step(10, 50))));
        capacity.open(0);
        assertEquals(150, capacity.maxFuture());
        assertTrue(capacity.reserve(20, new double[] {5}, new long[] {-40}));
        assertTrue(capacity.refreshMaxFuture(0), "the reservation lowers it");
        assertEquals(90, capacity.maxFuture()); // 150 - 20 - 40
        assertFalse(capacity.reserve(20, new double[] {5}, new long[] {-40}), "the same reservation again");
        assertFalse(capacity.refreshMaxFuture(0));
    }

    @Test
    void stepsAtOneInstantCountTogether() {
        // a retirement and its replacement at the same instant never make a peak between them
        Capacity capacity = new Capacity(new CapacityPlan(List.of(new CapacityPlan.Step(0, 100),
                new CapacityPlan.Step(10, 80), new CapacityPlan.Step(10, -100))));
        capacity.open(0);
        assertEquals(100, capacity.maxFuture());
    }
}
