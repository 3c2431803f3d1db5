package org.capsim.metrics;

import java.util.Arrays;

/** A growable array of primitive doubles: waits are recorded without boxing. */
public final class DoubleList {

    private double[] values = new double[16];
    private int size;

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    /** A copy of the values. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
