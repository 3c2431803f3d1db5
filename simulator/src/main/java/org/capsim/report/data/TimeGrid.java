package org.capsim.report.data;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.capsim.model.Calendar;

/**
 * The regular grid time series are drawn on: the simulated period cut into bins of equal length
 * (the last may be shorter), each bin holding the time average of a quantity over it. Time
 * averages, not samples at grid points, so a busy spike between two grid points still counts and
 * the average of the series is the run's own time-weighted figure.
 *
 * @param endHours the simulated period's length in hours
 * @param binHours a bin's length in hours
 */
public record TimeGrid(double endHours, double binHours) {

    /** Bin lengths a grid chooses from: an hour, six hours, a day, a week, two and four weeks, a quarter. */
    private static final double[] LADDER = {1, 6, 24, 168, 336, 672, 2184};
    /** Enough points for a chart as wide as a laptop screen, few enough for a light SVG. */
    static final int MAX_BINS = 400;

    public TimeGrid {
        if (!(endHours > 0) || !(binHours > 0)) {
            throw new IllegalArgumentException("a time grid needs a positive length and bin");
        }
    }

    /** The finest grid of round bins (an hour up to a quarter) with at most {@value #MAX_BINS} bins. */
    public static TimeGrid over(double endHours) {
        for (double bin : LADDER) {
            if (Math.ceil(endHours / bin) <= MAX_BINS) {
                return new TimeGrid(endHours, bin);
            }
        }
        return new TimeGrid(endHours, Math.ceil(endHours / MAX_BINS / 24) * 24);
    }

    public int bins() {
        return (int) Math.ceil(endHours / binHours - 1e-9);
    }

    /** The start of bin i, in hours. */
    public double start(int i) {
        return i * binHours;
    }

    /** The middle of bin i, in hours: where a chart draws the bin's average. */
    public double middle(int i) {
        return (start(i) + Math.min(endHours, start(i) + binHours)) / 2;
    }

    /** The calendar time at {@code hours}. */
    public static LocalDateTime at(Calendar calendar, double hours) {
        return calendar.start().atStartOfDay().plusSeconds(Math.round(hours * 3600));
    }

    /** The bin length in words, for captions: "weekly", "daily"... */
    public String binWords() {
        if (binHours == 1) {
            return "hourly";
        }
        if (binHours == 24) {
            return "daily";
        }
        if (binHours == 168) {
            return "weekly";
        }
        if (binHours == 2184) {
            return "quarterly";
        }
        return binHours % 168 == 0 ? (long) (binHours / 168) + "-weekly"
                : binHours % 24 == 0 ? (long) (binHours / 24) + "-day" : (long) binHours + "-hour";
    }

    /** The date a report's hour falls on (for quarters of ROFR offers). */
    public static LocalDate date(Calendar calendar, double hours) {
        return calendar.dateAt(hours);
    }

    /**
     * Time averages of a step function over the grid, added interval by interval in O(1) each
     * (a long interval adds to a difference array, not to every bin it covers).
     */
    public final class Integral {
        private final double[] partial = new double[bins() + 1];
        private final double[] full = new double[bins() + 1];

        /** Adds {@code value} held over [from, to), clipped to the period (one interval: see {@link Interval}). */
        public void add(double from, double to, double value) {
            add(interval().set(from, to), value);
        }

        /** Adds {@code value} held over an interval already clipped and binned. */
        public void add(Interval interval, double value) {
            if (interval.empty || value == 0) {
                return;
            }
            double from = interval.from;
            double to = interval.to;
            int i = interval.first;
            int j = interval.last;
            if (i == j) {
                partial[i] += value * (to - from);
                return;
            }
            partial[i] += value * (start(i + 1) - from);
            partial[j] += value * (to - start(j));
            if (j > i + 1) {
                full[i + 1] += value;
                full[j] -= value;
            }
        }

        /** The average over each bin. */
        public double[] averages() {
            int n = bins();
            double[] out = new double[n];
            double level = 0;
            for (int k = 0; k < n; k++) {
                level += full[k];
                double length = Math.min(endHours, start(k) + binHours) - start(k);
                out[k] = (partial[k] + level * binHours) / length;
            }
            return out;
        }
    }

    /**
     * An interval clipped to the period, with the bins its ends fall in: set once, then added to
     * several integrals. A pool's change of state adds six values over one interval; each had
     * its own clipping and two divisions (a sixth of writing a million-job run's rows).
     */
    public final class Interval {
        double from;
        double to;
        int first;
        int last;
        boolean empty;
        /** The last bin (bins() divides: asked once, not per interval). */
        private final int lastBin = bins() - 1;

        /** Makes this [from, to), clipped to the period; returns it. */
        public Interval set(double from, double to) {
            this.from = Math.max(0, from);
            this.to = Math.min(endHours, to);
            empty = !(this.to > this.from);
            if (!empty) {
                first = Math.min(lastBin, (int) (this.from / binHours));
                last = Math.min(lastBin, (int) (this.to / binHours));
            }
            return this;
        }
    }

    /** A new interval on this grid, to {@link Interval#set}. */
    public Interval interval() {
        return new Interval();
    }

    /** A new, empty integral on this grid. */
    public Integral integral() {
        return new Integral();
    }
}
