package org.capsim.demand;

/**
 * A job trace read from CSV, already mapped onto the simulation clock: rows ordered by arrival
 * (stable), only those arriving within the simulated period. Shared read-only by replications.
 */
public final class Trace {

    private final String source;
    private final TraceIds ids;
    private final double[] arrivals;
    private final int[] gpus;
    private final double[] hours;
    private final int skipped;
    private final boolean reordered;

    /**
     * @param source    file as the scenario names it
     * @param skipped   rows outside the simulated period
     * @param reordered whether the file was not in submit-time order (and was sorted)
     */
    public Trace(String source, TraceIds ids, double[] arrivals, int[] gpus, double[] hours, int skipped,
            boolean reordered) {
        if (ids.size() != arrivals.length || gpus.length != arrivals.length || hours.length != arrivals.length) {
            throw new IllegalArgumentException("a trace's columns differ in length");
        }
        this.source = source;
        this.ids = ids;
        this.arrivals = arrivals;
        this.gpus = gpus;
        this.hours = hours;
        this.skipped = skipped;
        this.reordered = reordered;
    }

    public String source() {
        return source;
    }

    public int size() {
        return arrivals.length;
    }

    /** The row's job id (a new String each call: see {@link TraceIds}). */
    public String id(int row) {
        return ids.get(row);
    }

    /** Arrival, hours from the scenario start. */
    public double arrival(int row) {
        return arrivals[row];
    }

    public int gpus(int row) {
        return gpus[row];
    }

    /** Run time on the reference GPU type, hours. */
    public double hours(int row) {
        return hours[row];
    }

    /** Rows left out because they arrive before the start or after the horizon. */
    public int skipped() {
        return skipped;
    }

    public boolean reordered() {
        return reordered;
    }
}
