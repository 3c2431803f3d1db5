package org.capsim.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Maps calendar dates to the simulation clock: hours since 00:00 UTC of the start date.
 * The horizon is inclusive: the simulation ends at 24:00 of that date.
 */
public record Calendar(LocalDate start, LocalDate horizon) {

    /** Hours in a Julian year (365.25 days), the unit of every "per year" rate. */
    public static final double HOURS_PER_YEAR = 365.25 * 24.0;

    /** Hours from the start to 00:00 of {@code date} (negative before the start). */
    public double hoursAt(LocalDate date) {
        return ChronoUnit.DAYS.between(start, date) * 24.0;
    }

    /** Length of the simulated period in hours, up to 24:00 of the horizon date. */
    public double endHours() {
        return hoursAt(horizon) + 24.0;
    }

    /** The calendar date containing simulation time {@code hours}. */
    public LocalDate dateAt(double hours) {
        return start.atStartOfDay().plusSeconds((long) Math.floor(hours * 3600.0)).toLocalDate();
    }
}
