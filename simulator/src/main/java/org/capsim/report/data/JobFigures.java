package org.capsim.report.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.csv.CsvRecord;
import org.capsim.model.Calendar;
import org.capsim.report.ReportFormatException;

/**
 * One policy's jobs, read from jobs.csv: the demand over time, the waits' distributions, the
 * ROFR outcomes per quarter, and what became of the demand.
 *
 * <p>Demand is in the units of capacity: the GPUs the arrived work would keep busy had each job
 * started, at its full size, when it arrived (demanded GPU-hours per hour). A job's work is its
 * {@code demand_gpu_hours} where jobs.csv has that column; otherwise its GPUs over its run as the
 * rows give it (start to end, or to the horizon), and a job that never started holds its GPUs
 * from arrival to its end or the horizon, as jobs.csv gives no length for it.
 *
 * @param demandGpus  demanded GPUs over time (see above), over replications
 * @param demandPflops the same in peak PFLOP/s: of the GPU type each job was placed on, or for a
 *                    job never placed the scenario's first GPU type (the reference of its demand)
 * @param waits       the waits of jobs that started (after the warm-up), over all replications
 * @param waitsByProvider by the provider that ran the job
 * @param waitsByClass    by the job's class
 * @param rofr        per calendar quarter (by arrival), the offers accepted and refused, mean per replication
 * @param outcomes    served and unserved demand, and the jobs abandoned
 */
public record JobFigures(Band demandGpus, Band demandPflops, Cdf waits, Map<String, Cdf> waitsByProvider, Map<String, Cdf> waitsByClass,
        List<Quarter> rofr, DemandOutcomes outcomes) {

    static final List<String> COLUMNS = List.of("policy", "replication", "job_id", "class", "arrival_h", "site", "provider",
            "pool_type", "rofr", "start_h", "end_h", "wait_h", "gpus");
    /** Columns found by name where present: a limited-demand scenario's jobs.csv ends with the demand. */
    static final String STATUS = "status";
    static final String DEMAND = "demand_gpu_hours";

    /** A calendar quarter's ROFR outcomes, e.g. {@code 2025 Q1}. */
    public record Quarter(String label, double accepted, double refused) {
        public double offers() {
            return accepted + refused;
        }
    }

    /** Whether any replication made a ROFR offer. */
    public boolean hasRofr() {
        return rofr.stream().anyMatch(q -> q.offers() > 0);
    }

    /**
     * Reads jobs.csv, by policy.
     *
     * @param warmupHours jobs arriving before it are left out of the waits, as in summary.json
     */
    static Map<String, JobFigures> read(Path file, TimeGrid grid, Calendar calendar, double warmupHours,
            Map<String, Double> peakTflops) throws IOException, ReportFormatException {
        CsvReader reader = new CsvReader(new CsvRows(file), grid, calendar, warmupHours, peakTflops);
        reader.rows.read(COLUMNS, reader::row);
        reader.endBlock();
        return reader.assembly.result();
    }

    /**
     * One replication of one policy, gathered row by row: from jobs.csv, or from the run as it
     * writes those rows (the same values, in the same order).
     */
    public static final class Block {
        private final TimeGrid grid;
        private final Calendar calendar;
        private final int replication;
        private final double warmupHours;
        private final Map<String, Double> peakTflops;
        /** The peak of the scenario's first GPU type, for jobs never placed (null when unknown). */
        private final Double referencePeak;
        private final TimeGrid.Integral demand;
        private final TimeGrid.Integral demandPflops;
        private final WaitSample waits = new WaitSample();
        private final Map<String, WaitSample> byProvider = new LinkedHashMap<>();
        private final Map<String, WaitSample> byClass = new LinkedHashMap<>();
        private final DemandOutcomes.Tally outcomes = new DemandOutcomes.Tally();
        private final int firstQuarter;
        private int lastQuarter;
        private double[] accepted = new double[0];
        private double[] refused = new double[0];
        /** Rows so far: a row's number keys its wait in the samples. */
        private long rows;
        private final TimeGrid.Interval held;
        // the last row's groups: rows come with the same few String objects over and over, so
        // an identity check saves three hash lookups a row (a run writes a million rows)
        private String lastType;
        private Double lastPeak;
        private String lastProvider;
        private WaitSample lastProviderWaits;
        private String lastClass;
        private WaitSample lastClassWaits;

        /**
         * @param warmupHours jobs arriving before it are left out of the waits
         * @param peakTflops  per GPU type its peak, the scenario's first type first
         */
        public Block(TimeGrid grid, Calendar calendar, int replication, double warmupHours, Map<String, Double> peakTflops) {
            this.grid = grid;
            this.calendar = calendar;
            this.replication = replication;
            this.warmupHours = warmupHours;
            this.peakTflops = peakTflops;
            this.referencePeak = peakTflops.isEmpty() ? null : peakTflops.values().iterator().next();
            this.demand = grid.integral();
            this.demandPflops = grid.integral();
            this.held = grid.interval();
            this.firstQuarter = quarter(calendar.start());
            this.lastQuarter = quarter(calendar.horizon());
        }

        /**
         * A job's row (NaN where the row's field is empty), from a jobs.csv without status or
         * demand: a job with a wait started then.
         *
         * @param provider "" for a job never placed
         * @param poolType likewise
         * @param rofr     "" when no offer was made, else "accepted" or another outcome
         */
        public void row(String jobClass, double arrival, String provider, String poolType, String rofr, double end,
                double wait, double gpus) {
            row(jobClass, arrival, provider, poolType, rofr, end, wait, gpus, "", Double.NaN);
        }

        /**
         * A job's row (NaN where the row's field is empty).
         *
         * @param provider "" for a job never placed
         * @param poolType likewise
         * @param rofr     "" when no offer was made, else "accepted" or another outcome
         * @param status   the job's status ({@code abandoned} jobs have a wait but never started)
         * @param demandGpuHours its {@code demand_gpu_hours}, NaN where jobs.csv has none
         */
        public void row(String jobClass, double arrival, String provider, String poolType, String rofr, double end,
                double wait, double gpus, String status, double demandGpuHours) {
            long row = rows++;
            boolean abandoned = status.equals(DemandOutcomes.ABANDONED);
            boolean started = !Double.isNaN(wait) && !abandoned;
            if (!Double.isNaN(arrival)) {
                demand(arrival, poolType, end, wait, gpus, started, demandGpuHours);
            }
            boolean counted = arrival >= warmupHours;
            if (started && counted) {
                long key = WaitSample.key(replication, row);
                waits.add(key, wait);
                if (provider != lastProvider) {
                    lastProviderWaits = byProvider.computeIfAbsent(provider, k -> new WaitSample());
                    lastProvider = provider;
                }
                lastProviderWaits.add(key, wait);
                if (jobClass != lastClass) {
                    lastClassWaits = byClass.computeIfAbsent(jobClass, k -> new WaitSample());
                    lastClass = jobClass;
                }
                lastClassWaits.add(key, wait);
            }
            if (Double.isNaN(arrival)) {
                return;
            }
            int q = quarter(calendar.dateAt(arrival)) - firstQuarter;
            lastQuarter = Math.max(lastQuarter, q + firstQuarter);
            if (!rofr.isEmpty()) {
                offer(Math.max(0, q), rofr.equals("accepted"));
            }
            outcomes.row(jobClass, provider, Math.max(0, q), started, abandoned, demandGpuHours, wait, counted,
                    WaitSample.key(replication, row));
        }

        /** Adds the job's GPUs over the time its work would keep them busy from its arrival on. */
        private void demand(double arrival, String poolType, double end, double wait, double gpus, boolean started,
                double demandGpuHours) {
            double level;
            double until;
            if (!Double.isNaN(demandGpuHours)) {
                boolean sized = gpus > 0;
                level = sized ? gpus : demandGpuHours; // a job of no stated size: its work within an hour
                until = arrival + (sized ? demandGpuHours / gpus : 1);
            } else if (!Double.isNaN(gpus)) {
                level = gpus;
                double last = Double.isNaN(end) ? grid.endHours() : end;
                until = started ? last - wait : last; // a started job's run, moved back to its arrival
            } else {
                return;
            }
            held.set(arrival, until);
            demand.add(held, level);
            if (poolType != lastType) {
                lastPeak = poolType.isEmpty() ? referencePeak : peakTflops.get(poolType);
                lastType = poolType;
            }
            Double peak = lastPeak;
            if (peak != null) {
                demandPflops.add(held, level * peak / 1000);
            }
        }

        private void offer(int quarter, boolean accept) {
            if (quarter >= accepted.length) {
                accepted = Arrays.copyOf(accepted, quarter + 1);
                refused = Arrays.copyOf(refused, quarter + 1);
            }
            if (accept) {
                accepted[quarter]++;
            } else {
                refused[quarter]++;
            }
        }
    }

    static int quarter(LocalDate date) {
        return date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
    }

    /**
     * Finished blocks, added in file order, gathered per policy as they come: the waits' samples
     * merge at once (their contents do not depend on order), so memory holds one sample per group,
     * not one per replication.
     */
    static final class Assembly {
        private final Map<String, PolicyJobs> policies = new LinkedHashMap<>();
        private int firstQuarter = Integer.MAX_VALUE;
        private int lastQuarter = Integer.MIN_VALUE;

        void add(String policy, Block block) {
            PolicyJobs p = policies.computeIfAbsent(policy, k -> new PolicyJobs());
            p.demand.add(block.demand.averages());
            p.demandPflops.add(block.demandPflops.averages());
            p.waits.merge(block.waits);
            block.byProvider.forEach((k, v) -> p.byProvider.computeIfAbsent(k, x -> new WaitSample()).merge(v));
            block.byClass.forEach((k, v) -> p.byClass.computeIfAbsent(k, x -> new WaitSample()).merge(v));
            p.offers(block.accepted, block.refused);
            p.outcomes.add(block.outcomes);
            firstQuarter = Math.min(firstQuarter, block.firstQuarter);
            lastQuarter = Math.max(lastQuarter, block.lastQuarter);
        }

        Map<String, JobFigures> result() {
            List<String> labels = new ArrayList<>();
            for (int q = firstQuarter; q <= lastQuarter; q++) {
                labels.add((q / 4) + " Q" + (q % 4 + 1));
            }
            Map<String, JobFigures> out = new LinkedHashMap<>();
            policies.forEach((policy, p) -> out.put(policy, p.figures(labels)));
            return out;
        }
    }

    /** What a policy gathers over its replications. */
    private static final class PolicyJobs {
        final List<double[]> demand = new ArrayList<>();
        final List<double[]> demandPflops = new ArrayList<>();
        final WaitSample waits = new WaitSample();
        final Map<String, WaitSample> byProvider = new LinkedHashMap<>();
        final Map<String, WaitSample> byClass = new LinkedHashMap<>();
        final DemandOutcomes.Tally outcomes = new DemandOutcomes.Tally();
        double[] accepted = new double[0];
        double[] refused = new double[0];

        void offers(double[] blockAccepted, double[] blockRefused) {
            if (blockAccepted.length > accepted.length) {
                accepted = Arrays.copyOf(accepted, blockAccepted.length);
                refused = Arrays.copyOf(refused, blockAccepted.length);
            }
            for (int q = 0; q < blockAccepted.length; q++) {
                accepted[q] += blockAccepted[q];
                refused[q] += blockRefused[q];
            }
        }

        JobFigures figures(List<String> labels) {
            int replications = Math.max(1, demand.size());
            List<Quarter> quarters = new ArrayList<>();
            for (int q = 0; q < labels.size(); q++) {
                quarters.add(new Quarter(labels.get(q), (q < accepted.length ? accepted[q] : 0) / replications,
                        (q < refused.length ? refused[q] : 0) / replications));
            }
            Map<String, Cdf> providers = new LinkedHashMap<>();
            byProvider.forEach((k, v) -> providers.put(k, v.cdf()));
            Map<String, Cdf> classes = new LinkedHashMap<>();
            byClass.forEach((k, v) -> classes.put(k, v.cdf()));
            return new JobFigures(Band.of(demand), Band.of(demandPflops), waits.cdf(), providers, classes, quarters,
                    outcomes.result(labels, replications));
        }
    }

    /** The streaming pass over jobs.csv: a block per (policy, replication) run of rows. */
    private static final class CsvReader {
        final CsvRows rows;
        final TimeGrid grid;
        final Calendar calendar;
        final double warmupHours;
        final Map<String, Double> peakTflops;
        final Assembly assembly = new Assembly();
        String policy;
        int replication;
        Block block;
        /** Where status and demand_gpu_hours are (-1: absent), found at the first row. */
        int statusColumn = -2;
        int demandColumn = -2;

        CsvReader(CsvRows rows, TimeGrid grid, Calendar calendar, double warmupHours, Map<String, Double> peakTflops) {
            this.rows = rows;
            this.grid = grid;
            this.calendar = calendar;
            this.warmupHours = warmupHours;
            this.peakTflops = peakTflops;
        }

        void row(CsvRecord r) throws ReportFormatException {
            String rowPolicy = r.get(0);
            int rowReplication = rows.integer(r, 1, "replication");
            if (!rowPolicy.equals(policy) || rowReplication != replication) {
                endBlock();
                policy = rowPolicy;
                replication = rowReplication;
                block = new Block(grid, calendar, replication, warmupHours, peakTflops);
            }
            if (statusColumn == -2) {
                statusColumn = rows.column(STATUS);
                demandColumn = rows.column(DEMAND);
            }
            String demand = rows.optional(r, demandColumn);
            block.row(r.get(3), rows.number(r, 4, "arrival_h"), r.get(6), r.get(7), r.get(8), rows.number(r, 10, "end_h"),
                    rows.number(r, 11, "wait_h"), rows.number(r, 12, "gpus"), rows.optional(r, statusColumn),
                    demand.isEmpty() ? Double.NaN : rows.number(r, demandColumn, DEMAND));
        }

        void endBlock() {
            if (block != null) {
                assembly.add(policy, block);
                block = null;
            }
        }
    }
}
