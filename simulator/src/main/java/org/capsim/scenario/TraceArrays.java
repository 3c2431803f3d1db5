package org.capsim.scenario;

import java.util.Arrays;
import java.util.Map;

import org.capsim.demand.Trace;
import org.capsim.demand.TraceIds;

/**
 * A trace's rows as plain arrays sized from a hint of the row count: a million-row trace grows no
 * list and leaves no copies behind (what it keeps lives to the end of the run). Shared by every
 * trace format's reader.
 */
final class TraceArrays {

    private double[] arrivals;
    private double[] hours;
    private int[] gpus;
    private int size;

    TraceArrays(int expected) {
        int capacity = TraceIds.capacityFor(expected);
        arrivals = new double[capacity];
        hours = new double[capacity];
        gpus = new int[capacity];
    }

    void add(double arrival, double runHours, int count) {
        if (size == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, size * 2);
            hours = Arrays.copyOf(hours, size * 2);
            gpus = Arrays.copyOf(gpus, size * 2);
        }
        arrivals[size] = arrival;
        hours[size] = runHours;
        gpus[size] = count;
        size++;
    }

    int size() {
        return size;
    }

    double arrival(int row) {
        return arrivals[row];
    }

    /**
     * The trace in submit-time order (stable): as read, in the usual case of a file in that order.
     *
     * @param ids one per row, in row order
     */
    Trace trace(String label, TraceIds ids, int skipped, String format, Map<String, Integer> dropped) {
        double[] a = size == arrivals.length ? arrivals : Arrays.copyOf(arrivals, size);
        double[] h = size == hours.length ? hours : Arrays.copyOf(hours, size);
        int[] g = size == gpus.length ? gpus : Arrays.copyOf(gpus, size);
        boolean ordered = true;
        for (int i = 1; i < size && ordered; i++) {
            ordered = a[i - 1] <= a[i];
        }
        if (ordered) {
            return new Trace(label, ids, a, g, h, skipped, false, format, dropped);
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (x, y) -> Double.compare(a[x], a[y])); // stable
        int[] order = new int[size];
        double[] sortedArrivals = new double[size];
        double[] sortedHours = new double[size];
        int[] sortedGpus = new int[size];
        for (int i = 0; i < size; i++) {
            int k = boxed[i];
            order[i] = k;
            sortedArrivals[i] = a[k];
            sortedHours[i] = h[k];
            sortedGpus[i] = g[k];
        }
        return new Trace(label, ids.reordered(order), sortedArrivals, sortedGpus, sortedHours, skipped, true, format, dropped);
    }
}
