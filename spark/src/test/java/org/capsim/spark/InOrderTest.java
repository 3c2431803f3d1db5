package org.capsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.capsim.metrics.ReplicationResult;
import org.junit.jupiter.api.Test;

class InOrderTest {

    /** Law: results arriving in any order are handed on in task order, and grouped per arm. */
    @Test
    void handsOnInTaskOrder() {
        List<Integer> handed = new ArrayList<>();
        InOrder inOrder = new InOrder(4, done -> handed.add((done.replication() - 1) * 2 + done.arm()));
        inOrder.arrived(2, done(0, 2));
        assertEquals(List.of(), handed);
        inOrder.arrived(0, done(0, 1));
        assertEquals(List.of(0), handed);
        inOrder.arrived(3, done(1, 2));
        inOrder.arrived(1, done(1, 1));
        assertEquals(List.of(0, 1, 2, 3), handed);
        List<List<ReplicationResult>> byArm = inOrder.byArm(2);
        assertEquals(List.of(1, 2), byArm.get(0).stream().map(ReplicationResult::replication).toList());
        assertEquals(List.of(1, 2), byArm.get(1).stream().map(ReplicationResult::replication).toList());
    }

    /** A task missing at the end is an error, not a short report. */
    @Test
    void missingTaskFails() {
        InOrder inOrder = new InOrder(2, done -> { });
        inOrder.arrived(1, done(1, 1));
        assertThrows(IllegalStateException.class, () -> inOrder.byArm(2));
    }

    private static ReplicationTask.Done done(int arm, int replication) {
        ReplicationResult result = new ReplicationResult(replication, Map.of(), Map.of(), Map.of(), Map.of(), 0, 0);
        return new ReplicationTask.Done(arm, replication, new byte[0], new byte[0], result, null);
    }
}
