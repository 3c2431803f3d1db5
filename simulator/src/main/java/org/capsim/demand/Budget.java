package org.capsim.demand;

import org.capsim.model.StepCurve;

/**
 * A class's spending limit per calendar year, as a step curve: from each step's time on, the
 * year's booked spend may reach its amount. Before the first step the class has no limit.
 *
 * @param limits the yearly limits (>= 0) from each step's time on (clock hours, strictly increasing)
 */
public record Budget(StepCurve limits) {

    public Budget(double[] fromHours, double[] usd) {
        this(new StepCurve(fromHours, usd));
    }

    /** When each step begins (clock hours). */
    public double[] fromHours() {
        return limits.fromHours();
    }

    /** The limit per calendar year from each step on. */
    public double[] usd() {
        return limits.values();
    }

    /** The limit in force at {@code hours}, or +infinity before the first step. */
    public double limitAt(double hours) {
        return hours < limits.fromHours()[0] ? Double.POSITIVE_INFINITY : limits.valueAt(hours);
    }
}
