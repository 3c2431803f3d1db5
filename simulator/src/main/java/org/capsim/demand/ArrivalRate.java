package org.capsim.demand;

import org.capsim.model.Calendar;

/**
 * A Poisson arrival rate that may grow exponentially: lambda(t) = perHour * growthPerYear^(t / year).
 *
 * @param perHour       rate at the scenario start
 * @param growthPerYear factor per year (1: constant)
 */
public record ArrivalRate(double perHour, double growthPerYear) {

    /**
     * The next arrival after {@code now}, by inverting the cumulative intensity at
     * {@code now + unitExponential} (exact for the time-varying rate, no thinning).
     *
     * @param unitExponential a draw from Exp(1)
     * @return hours from the start, or +infinity when no further arrival will come
     */
    public double next(double now, double unitExponential) {
        if (perHour <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (growthPerYear == 1.0) {
            return now + unitExponential / perHour;
        }
        double k = Math.log(growthPerYear) / Calendar.HOURS_PER_YEAR;
        double x = unitExponential * k / (perHour * Math.exp(k * now));
        if (x <= -1.0) {
            return Double.POSITIVE_INFINITY; // a shrinking rate whose remaining mass is used up
        }
        return now + Math.log1p(x) / k;
    }

    /** Rate at time {@code hours}. */
    public double at(double hours) {
        return perHour * Math.pow(growthPerYear, hours / Calendar.HOURS_PER_YEAR);
    }
}
