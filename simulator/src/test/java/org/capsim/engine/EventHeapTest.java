package org.capsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The event heap pops in (time, higher priority first, insertion order), like a sorted list would. */
class EventHeapTest {

    private static final class Marker extends ModelEvent {
        final int id;

        Marker(int id, short priority) {
            super(priority);
            this.id = id;
        }

        @Override
        protected void fire() {
        }
    }

    @Test
    void popsInTimePriorityInsertionOrder() {
        Random random = new Random(42);
        EventHeap heap = new EventHeap();
        List<Marker> reference = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 20_000; round++) {
            int action = random.nextInt(10);
            if (action < 6 || reference.isEmpty()) {
                // the extremes too: priority and insertion order share one key
                short priority = switch (random.nextInt(8)) {
                    case 0 -> Short.MIN_VALUE;
                    case 1 -> Short.MAX_VALUE;
                    default -> (short) (1 + random.nextInt(10));
                };
                Marker m = new Marker(next++, priority);
                m.time = random.nextInt(50); // many ties
                heap.add(m);
                reference.add(m);
            } else if (action < 9) {
                reference.sort(Comparator.comparingDouble((Marker m) -> m.time)
                        .thenComparing((Marker m) -> -m.priority).thenComparingLong(m -> m.sequence));
                Marker expected = reference.remove(0);
                assertEquals(expected.time, heap.firstTime());
                assertSame(expected, heap.removeFirst());
            } else {
                Marker victim = reference.remove(random.nextInt(reference.size()));
                assertEquals(true, heap.remove(victim));
            }
            assertEquals(reference.size(), heap.size());
        }
    }
}
