package org.capsim.model;

/**
 * A value that steps on dates, such as an electricity price or a grid's carbon intensity: from
 * each step's time on, its value holds; before the first step, the first value holds.
 *
 * @param fromHours when each step begins (clock hours, strictly increasing)
 * @param values    the value from that step on
 */
public record StepCurve(double[] fromHours, double[] values) {

    public StepCurve {
        if (fromHours.length != values.length || fromHours.length == 0) {
            throw new IllegalArgumentException("a step curve needs one value per step, and at least one step");
        }
        fromHours = fromHours.clone();
        values = values.clone();
    }

    /** A value that never changes. */
    public static StepCurve constant(double value) {
        return new StepCurve(new double[] {Double.NEGATIVE_INFINITY}, new double[] {value});
    }

    /** The value in force at {@code hours}. */
    public double valueAt(double hours) {
        double value = values[0];
        for (int i = 1; i < fromHours.length && fromHours[i] <= hours; i++) {
            value = values[i];
        }
        return value;
    }

    /** The first step time after {@code hours}, or +infinity. */
    public double nextChangeAfter(double hours) {
        for (double from : fromHours) {
            if (from > hours) {
                return from;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
