package org.capsim.demand;

/**
 * A class's spending limit per calendar year, as a step curve: from each step's time on, the
 * year's booked spend may reach {@code usd}. Before the first step the class has no limit.
 *
 * @param fromHours when each step begins (clock hours, strictly increasing)
 * @param usd       the limit per calendar year from that step on (>= 0)
 */
public record Budget(double[] fromHours, double[] usd) {

    public Budget {
        if (fromHours.length != usd.length || fromHours.length == 0) {
            throw new IllegalArgumentException("a budget needs one amount per step, and at least one step");
        }
        fromHours = fromHours.clone();
        usd = usd.clone();
    }

    /** The limit in force at {@code hours}, or +infinity before the first step. */
    public double limitAt(double hours) {
        double limit = Double.POSITIVE_INFINITY;
        for (int i = 0; i < fromHours.length && fromHours[i] <= hours; i++) {
            limit = usd[i];
        }
        return limit;
    }
}
