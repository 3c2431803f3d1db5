package org.capsim.demand;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job trace read from a file, already mapped onto the simulation clock: rows ordered by arrival
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
    private final String format;
    private final Map<String, Integer> dropped;

    /**
     * @param source    file as the scenario names it
     * @param skipped   rows outside the simulated period
     * @param reordered whether the file was not in submit-time order (and was sorted)
     */
    public Trace(String source, TraceIds ids, double[] arrivals, int[] gpus, double[] hours, int skipped,
            boolean reordered) {
        this(source, ids, arrivals, gpus, hours, skipped, reordered, "csv", Map.of());
    }

    /**
     * @param format  the trace format's key (SPEC 6.5), e.g. {@code swf}
     * @param dropped rows of the file not replayed, by reason key (e.g. {@code no_gpus}), in the reasons' order
     */
    public Trace(String source, TraceIds ids, double[] arrivals, int[] gpus, double[] hours, int skipped,
            boolean reordered, String format, Map<String, Integer> dropped) {
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
        this.format = format;
        this.dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
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

    /** The format's key, e.g. {@code csv} or {@code swf}. */
    public String format() {
        return format;
    }

    /** Rows of the file not replayed, by reason (no GPUs, no positive run time, job steps): empty for a CSV trace. */
    public Map<String, Integer> dropped() {
        return dropped;
    }
}
