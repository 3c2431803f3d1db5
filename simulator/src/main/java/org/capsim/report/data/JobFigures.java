package org.capsim.report.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.model.Calendar;
import org.capsim.report.ReportFormatException;

/**
 * One policy's jobs, read from jobs.csv: the demand over time, the waits' distributions and the
 * ROFR outcomes per quarter.
 *
 * @param demandGpus  GPUs wanted by the jobs that have arrived and not ended (waiting or running), over replications
 * @param demandPflops the same in peak PFLOP/s of the GPU type each job was placed on (jobs never placed left out)
 * @param waits       the waits of jobs that started (after the warm-up), over all replications
 * @param waitsByProvider by the provider that ran the job
 * @param waitsByClass    by the job's class
 * @param rofr        per calendar quarter (by arrival), the offers accepted and refused, mean per replication
 */
public record JobFigures(Band demandGpus, Band demandPflops, Cdf waits, Map<String, Cdf> waitsByProvider, Map<String, Cdf> waitsByClass,
        List<Quarter> rofr) {

    static final List<String> COLUMNS = List.of("policy", "replication", "job_id", "class", "arrival_h", "site", "provider",
            "pool_type", "rofr", "start_h", "end_h", "wait_h", "gpus");

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
        Reader reader = new Reader(new CsvRows(file), grid, calendar, warmupHours, peakTflops);
        reader.rows.read(COLUMNS, reader::row);
        reader.endBlock();
        Map<String, JobFigures> out = new LinkedHashMap<>();
        reader.policies.forEach((policy, p) -> out.put(policy, p.figures(reader.quarterLabels())));
        return out;
    }

    /** What a policy gathers over its replications. */
    private static final class PolicyJobs {
        final List<double[]> demand = new ArrayList<>();
        final List<double[]> demandPflops = new ArrayList<>();
        final WaitSample waits = new WaitSample();
        final Map<String, WaitSample> byProvider = new LinkedHashMap<>();
        final Map<String, WaitSample> byClass = new LinkedHashMap<>();
        double[] accepted = new double[0];
        double[] refused = new double[0];

        void offer(int quarter, boolean accept) {
            if (quarter >= accepted.length) {
                accepted = java.util.Arrays.copyOf(accepted, quarter + 1);
                refused = java.util.Arrays.copyOf(refused, quarter + 1);
            }
            if (accept) {
                accepted[quarter]++;
            } else {
                refused[quarter]++;
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
            return new JobFigures(Band.of(demand), Band.of(demandPflops), waits.cdf(), providers, classes, quarters);
        }
    }

    /** The streaming pass over jobs.csv. */
    private static final class Reader {
        final CsvRows rows;
        final TimeGrid grid;
        final Calendar calendar;
        final double warmupHours;
        final Map<String, Double> peakTflops;
        final Map<String, PolicyJobs> policies = new LinkedHashMap<>();
        final int firstQuarter;
        int lastQuarter;
        String policy;
        int replication;
        PolicyJobs current;
        TimeGrid.Integral demand;
        TimeGrid.Integral demandPflops;

        Reader(CsvRows rows, TimeGrid grid, Calendar calendar, double warmupHours, Map<String, Double> peakTflops) {
            this.rows = rows;
            this.peakTflops = peakTflops;
            this.grid = grid;
            this.calendar = calendar;
            this.warmupHours = warmupHours;
            this.firstQuarter = quarter(calendar.start());
            this.lastQuarter = quarter(calendar.horizon());
        }

        static int quarter(LocalDate date) {
            return date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
        }

        List<String> quarterLabels() {
            List<String> labels = new ArrayList<>();
            for (int q = firstQuarter; q <= lastQuarter; q++) {
                labels.add((q / 4) + " Q" + (q % 4 + 1));
            }
            return labels;
        }

        void row(CsvRows.Fields r) throws ReportFormatException {
            String rowPolicy = r.get(0);
            int rowReplication = rows.integer(r, 1, "replication");
            if (!rowPolicy.equals(policy) || rowReplication != replication) {
                endBlock();
                policy = rowPolicy;
                replication = rowReplication;
                current = policies.computeIfAbsent(policy, k -> new PolicyJobs());
                demand = grid.integral();
                demandPflops = grid.integral();
            }
            double arrival = rows.number(r, 4, "arrival_h");
            double end = rows.number(r, 10, "end_h");
            double gpus = rows.number(r, 12, "gpus");
            if (!Double.isNaN(gpus) && !Double.isNaN(arrival)) {
                double until = Double.isNaN(end) ? grid.endHours() : end;
                demand.add(arrival, until, gpus);
                Double peak = peakTflops.get(r.get(7));
                if (peak != null) {
                    demandPflops.add(arrival, until, gpus * peak / 1000);
                }
            }
            double wait = rows.number(r, 11, "wait_h");
            if (!Double.isNaN(wait) && arrival >= warmupHours) {
                current.waits.add(wait);
                current.byProvider.computeIfAbsent(r.get(6), k -> new WaitSample()).add(wait);
                current.byClass.computeIfAbsent(r.get(3), k -> new WaitSample()).add(wait);
            }
            String rofr = r.get(8);
            if (!rofr.isEmpty() && !Double.isNaN(arrival)) {
                int q = quarter(calendar.dateAt(arrival)) - firstQuarter;
                lastQuarter = Math.max(lastQuarter, q + firstQuarter);
                current.offer(Math.max(0, q), rofr.equals("accepted"));
            }
        }

        void endBlock() {
            if (current != null && demand != null) {
                current.demand.add(demand.averages());
                current.demandPflops.add(demandPflops.averages());
                demand = null;
            }
        }
    }
}
