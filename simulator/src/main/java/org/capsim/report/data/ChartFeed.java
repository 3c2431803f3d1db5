package org.capsim.report.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.capsim.model.Calendar;
import org.capsim.report.ReportFormatException;
import org.capsim.report.SummaryJson;

/**
 * The charts' data of one report gathered while the run writes its jobs.csv and sites.csv, so
 * the charts step need not read those files back (for a large replay, reading the rows back
 * takes longer than drawing). Each replication feeds a {@link Replication} with the very
 * values its rows hold (numbers rounded to the six decimals they are written with), in the
 * order it writes them; finished replications are gathered in the files' order. The result is
 * therefore the same, bit for bit, as {@link ReportData#read} of the folder, which
 * {@code capsim report DIR} still uses (a test holds the two paths equal).
 *
 * <p>Memory: per running replication its blocks (time series of a few hundred bins, and the
 * wait samples); finished ones are folded in at once, so it does not grow with replications.
 */
public final class ChartFeed {

    private final TimeGrid grid;
    private final Calendar calendar;
    private final double warmupHours;
    private final Map<String, Double> peakTflops;
    private final FleetSeries.Assembly fleet = new FleetSeries.Assembly();
    private final JobFigures.Assembly jobs = new JobFigures.Assembly();
    /** Finished replications waiting for those before them, by sequence number. */
    private final Map<Integer, Replication> waiting = new HashMap<>();
    private int next;

    /**
     * @param warmupDays  the warm-up as summary.json gives it (days), so the cut is the one a
     *                    read-back makes
     * @param peakTflops  per GPU type, its peak, as summary.json gives it (in the scenario's order)
     */
    public ChartFeed(Calendar calendar, double warmupDays, Map<String, Double> peakTflops) {
        this.grid = TimeGrid.over(calendar.endHours());
        this.calendar = calendar;
        this.warmupHours = warmupDays * 24;
        // in order: the first type is the reference of a never-placed job's demand
        this.peakTflops = Collections.unmodifiableMap(new LinkedHashMap<>(peakTflops));
    }

    /**
     * A replication's feed.
     *
     * @param sequence its place in the files' order (from 0)
     */
    public Replication replication(int sequence, String policy, int replication) {
        return new Replication(sequence, policy, new FleetSeries.Block(grid, peakTflops),
                new JobFigures.Block(grid, calendar, replication, warmupHours, peakTflops));
    }

    /** One replication's rows, as written. */
    public final class Replication {
        private final int sequence;
        private final String policy;
        /**
         * Fed with each sites.csv row; in a scenario that reports power, through the row method
         * with {@code powered} and {@code powerMw} (NaN where a field is empty).
         */
        public final FleetSeries.Block sites;
        /** Fed with each jobs.csv row. */
        public final JobFigures.Block jobs;

        private Replication(int sequence, String policy, FleetSeries.Block sites, JobFigures.Block jobs) {
            this.sequence = sequence;
            this.policy = policy;
            this.sites = sites;
            this.jobs = jobs;
        }

        /** The replication's rows are all written (call once, only when it completed). */
        public void finished() {
            ChartFeed.this.finished(this);
        }
    }

    private synchronized void finished(Replication replication) {
        waiting.put(replication.sequence, replication);
        for (Replication r; (r = waiting.remove(next)) != null; next++) {
            fleet.add(r.policy, r.sites.finish());
            jobs.add(r.policy, r.jobs);
        }
    }

    /** How many replications (of all policies) are gathered, in order. */
    public synchronized int gathered() {
        return next;
    }

    /** The report's data: what its summary.json says, and the series from what was fed. */
    public synchronized ReportData data(Path dir, SummaryJson.Snapshot snapshot) throws ReportFormatException {
        SummaryJson.Header header = snapshot.header();
        FleetSeries.Read sites = fleet.result(ReportData.providers(header, snapshot.report()),
                ReportData.sites(header, snapshot.report()), header.draws());
        return ReportData.of(dir, snapshot, grid, sites, jobs.result());
    }
}
