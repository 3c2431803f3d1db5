package org.capsim.engine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * DSOL event list backed by a binary heap whose keys live in primitive arrays.
 *
 * <p>DSOL's default {@code RedBlackTree} compares boxed {@code Double}s through a default
 * {@code compareTo} that first calls {@code equals}; here a comparison is one double and, on a
 * tie, one long comparison on arrays. Order: earlier time first, then higher DSOL priority, then insertion order
 * (the heap's own counter, so the order never depends on other threads or other simulators).
 */
public final class EventHeap implements EventListInterface<Double> {

    /** Bits of an order key below the priority: insertion numbers up to 2^47 (1.4e14 events). */
    private static final int SEQUENCE_BITS = 47;

    private SimEventInterface<Double>[] events;
    private double[] times;
    /**
     * Ties at equal times: (Short.MAX_VALUE - priority) above insertion number, so one long
     * comparison orders by priority, then insertion.
     */
    private long[] orders;
    private int size;
    private long nextSequence;

    @SuppressWarnings("unchecked")
    public EventHeap() {
        int capacity = 64;
        events = new SimEventInterface[capacity];
        times = new double[capacity];
        orders = new long[capacity];
    }

    @Override
    public void add(SimEventInterface<Double> event) {
        double time = event instanceof ModelEvent m ? m.time : event.getAbsoluteExecutionTime().doubleValue();
        long sequence = nextSequence++;
        if (event instanceof ModelEvent m) {
            m.sequence = sequence;
        }
        if (size == events.length) {
            grow();
        }
        long order = ((long) (Short.MAX_VALUE - event.getPriority()) << SEQUENCE_BITS) | sequence;
        siftUp(size++, event, time, order);
    }

    /** Time of the first event; only valid when not empty. */
    public double firstTime() {
        return times[0];
    }

    @Override
    public SimEventInterface<Double> first() {
        return size == 0 ? null : events[0];
    }

    /**
     * Removes the first event. Floyd's variant: the hole left at the root sinks along the
     * smaller children to a leaf (one comparison per level), then the last event rises from there
     * (usually a step or two), about half the comparisons of sifting the last event down.
     */
    @Override
    public SimEventInterface<Double> removeFirst() {
        if (size == 0) {
            return null;
        }
        SimEventInterface<Double> first = events[0];
        int last = --size;
        SimEventInterface<Double> moved = events[last];
        double time = times[last];
        long order = orders[last];
        events[last] = null;
        if (last == 0) {
            return first;
        }
        int index = 0;
        int half = last >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < last && before(times[right], orders[right], times[child], orders[child])) {
                child = right;
            }
            set(index, events[child], times[child], orders[child]);
            index = child;
        }
        siftUp(index, moved, time, order);
        return first;
    }

    @Override
    public boolean remove(SimEventInterface<Double> event) {
        for (int i = 0; i < size; i++) {
            if (events[i] == event) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean contains(SimEventInterface<Double> event) {
        for (int i = 0; i < size; i++) {
            if (events[i] == event) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void clear() {
        Arrays.fill(events, 0, size, null);
        size = 0;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    /** Iterates in heap order (not time order), as DSOL's own lists may. */
    @Override
    public Iterator<SimEventInterface<Double>> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public SimEventInterface<Double> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return events[next++];
            }
        };
    }

    private void removeAt(int index) {
        int last = --size;
        if (index != last) {
            SimEventInterface<Double> moved = events[last];
            double time = times[last];
            long order = orders[last];
            events[last] = null;
            siftDown(index, moved, time, order);
            if (events[index] == moved) {
                siftUp(index, moved, time, order);
            }
        } else {
            events[last] = null;
        }
    }

    private static boolean before(double t1, long o1, double t2, long o2) {
        return t1 < t2 || t1 == t2 && o1 < o2;
    }

    private void siftUp(int index, SimEventInterface<Double> event, double time, long order) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(time, order, times[parent], orders[parent])) {
                break;
            }
            set(index, events[parent], times[parent], orders[parent]);
            index = parent;
        }
        set(index, event, time, order);
    }

    private void siftDown(int index, SimEventInterface<Double> event, double time, long order) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(times[right], orders[right], times[child], orders[child])) {
                child = right;
            }
            if (!before(times[child], orders[child], time, order)) {
                break;
            }
            set(index, events[child], times[child], orders[child]);
            index = child;
        }
        set(index, event, time, order);
    }

    private void set(int index, SimEventInterface<Double> event, double time, long order) {
        events[index] = event;
        times[index] = time;
        orders[index] = order;
    }

    private void grow() {
        int capacity = events.length * 2;
        events = Arrays.copyOf(events, capacity);
        times = Arrays.copyOf(times, capacity);
        orders = Arrays.copyOf(orders, capacity);
    }
}
