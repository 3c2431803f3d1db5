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
 * {@code compareTo} that first calls {@code equals}; here a comparison is two double and one long
 * comparison on arrays. Order: earlier time first, then higher DSOL priority, then insertion order
 * (the heap's own counter, so the order never depends on other threads or other simulators).
 */
public final class EventHeap implements EventListInterface<Double> {

    private SimEventInterface<Double>[] events;
    private double[] times;
    private short[] priorities;
    private long[] sequences;
    private int size;
    private long nextSequence;

    @SuppressWarnings("unchecked")
    public EventHeap() {
        int capacity = 64;
        events = new SimEventInterface[capacity];
        times = new double[capacity];
        priorities = new short[capacity];
        sequences = new long[capacity];
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
        siftUp(size++, event, time, event.getPriority(), sequence);
    }

    /** Time of the first event; only valid when not empty. */
    public double firstTime() {
        return times[0];
    }

    @Override
    public SimEventInterface<Double> first() {
        return size == 0 ? null : events[0];
    }

    @Override
    public SimEventInterface<Double> removeFirst() {
        if (size == 0) {
            return null;
        }
        SimEventInterface<Double> first = events[0];
        removeAt(0);
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
            short priority = priorities[last];
            long sequence = sequences[last];
            events[last] = null;
            siftDown(index, moved, time, priority, sequence);
            if (events[index] == moved) {
                siftUp(index, moved, time, priority, sequence);
            }
        } else {
            events[last] = null;
        }
    }

    private static boolean before(double t1, short p1, long s1, double t2, short p2, long s2) {
        if (t1 != t2) {
            return t1 < t2;
        }
        if (p1 != p2) {
            return p1 > p2; // DSOL: a higher priority executes first
        }
        return s1 < s2;
    }

    private void siftUp(int index, SimEventInterface<Double> event, double time, short priority, long sequence) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(time, priority, sequence, times[parent], priorities[parent], sequences[parent])) {
                break;
            }
            set(index, events[parent], times[parent], priorities[parent], sequences[parent]);
            index = parent;
        }
        set(index, event, time, priority, sequence);
    }

    private void siftDown(int index, SimEventInterface<Double> event, double time, short priority, long sequence) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(times[right], priorities[right], sequences[right],
                    times[child], priorities[child], sequences[child])) {
                child = right;
            }
            if (!before(times[child], priorities[child], sequences[child], time, priority, sequence)) {
                break;
            }
            set(index, events[child], times[child], priorities[child], sequences[child]);
            index = child;
        }
        set(index, event, time, priority, sequence);
    }

    private void set(int index, SimEventInterface<Double> event, double time, short priority, long sequence) {
        events[index] = event;
        times[index] = time;
        priorities[index] = priority;
        sequences[index] = sequence;
    }

    private void grow() {
        int capacity = events.length * 2;
        events = Arrays.copyOf(events, capacity);
        times = Arrays.copyOf(times, capacity);
        priorities = Arrays.copyOf(priorities, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
    }
}
