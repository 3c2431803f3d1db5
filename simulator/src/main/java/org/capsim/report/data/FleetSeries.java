package org.capsim.report.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.capsim.csv.CsvRecord;
import org.capsim.report.ReportFormatException;
import org.capsim.report.SummaryJson;

/**
 * One policy's fleet over time, read from sites.csv: per provider the installed capacity and its
 * queues, per site the utilization, each as a {@link Band} over replications.
 *
 * @param installedGpus   per provider, installed GPUs
 * @param installedPflops per provider, installed peak PFLOP/s (NaN where a GPU type's peak is unknown)
 * @param utilization     per site, busy GPUs over GPUs available to training (installed less reserved)
 * @param queuedJobs      per provider, jobs waiting in its pools
 * @param queuedGpus      per provider, GPUs those jobs want
 * @param queuedJobsTotal jobs waiting in the whole fleet
 * @param queuedGpusTotal GPUs they want
 * @param replications   how many replications the bands cover
 * @param power          per site, its draw, energized MW and stranded GPUs ({@link PowerSeries#NONE} for a
 *                       sites.csv without {@code powered_gpus})
 */
public record FleetSeries(Map<String, Band> installedGpus, Map<String, Band> installedPflops,
        Map<String, Band> utilization, Map<String, Band> queuedJobs, Map<String, Band> queuedGpus, Band queuedJobsTotal,
        Band queuedGpusTotal, int replications, PowerSeries power) {

    static final List<String> COLUMNS = List.of("policy", "replication", "time_h", "date", "site", "provider", "pool_type",
            "installed_gpus", "reserved_gpus", "busy_gpus", "queued_jobs", "queued_gpus");
    /** The power columns a scenario that reports power adds at the end (SPEC 6.2); an older file has neither. */
    static final String POWERED = "powered_gpus";
    static final String POWER_MW = "power_mw";

    /**
     * Reads sites.csv: each policy's replications, as time averages on the grid.
     *
     * @param peakTflops per GPU type, its peak (for PFLOP/s)
     * @param providers  provider ids in the order charts list them (more are added as found)
     * @param sites      site ids likewise
     * @param draws      per GPU type, its draw (for the power chart; empty without one)
     */
    static Read read(Path file, TimeGrid grid, Map<String, Double> peakTflops, List<String> providers,
            List<String> sites, Map<String, SummaryJson.GpuDraw> draws) throws IOException, ReportFormatException {
        CsvReader reader = new CsvReader(new CsvRows(file), grid, peakTflops);
        reader.rows.read(COLUMNS, reader::row);
        reader.endBlock();
        return reader.assembly.result(providers, sites, draws);
    }

    /** What sites.csv gives: per policy its series, and each site's provider as the rows say. */
    record Read(Map<String, FleetSeries> series, Map<String, String> siteOwners) {
    }

    /**
     * One replication of one policy, gathered row by row: from sites.csv, or from the run as it
     * writes those rows (the same values, in the same order, so the same sums).
     */
    public static final class Block {
        private final TimeGrid grid;
        private final Map<String, Double> peakTflops;
        private final List<PoolState> pools = new ArrayList<>();
        /** Per provider, in the order its first pool appeared: installed, PFLOP/s, queued jobs, queued GPUs. */
        private final Map<String, TimeGrid.Integral[]> providers = new LinkedHashMap<>();
        /** Per site likewise: busy, available to training. */
        private final Map<String, TimeGrid.Integral[]> sites = new LinkedHashMap<>();
        private final Map<String, String> owners = new LinkedHashMap<>();
        private final PowerSeries.Gather power;

        public Block(TimeGrid grid, Map<String, Double> peakTflops) {
            this.grid = grid;
            this.peakTflops = peakTflops;
            this.power = new PowerSeries.Gather(grid);
        }

        /** Declares a pool at its first row; returns its number for {@link #row}. */
        public int pool(String site, String provider, String type) {
            Double peak = peakTflops.get(type);
            PoolState pool = new PoolState(providers.computeIfAbsent(provider,
                    p -> new TimeGrid.Integral[] {grid.integral(), grid.integral(), grid.integral(), grid.integral()}),
                    sites.computeIfAbsent(site, s -> new TimeGrid.Integral[] {grid.integral(), grid.integral()}),
                    peak == null ? Double.NaN : peak / 1000, grid.interval(), power.site(site));
            pool.powerType = pool.power.type(type);
            owners.putIfAbsent(site, provider);
            pools.add(pool);
            return pools.size() - 1;
        }

        /** A pool's state from {@code time} on (times never go back), in a sites.csv without power columns. */
        public void row(int number, double time, double installed, double reserved, double busy, double queuedJobs,
                double queuedGpus) {
            row(number, time, installed, reserved, busy, queuedJobs, queuedGpus, Double.NaN, Double.NaN);
        }

        /**
         * A pool's state from {@code time} on (times never go back), with the power columns of a
         * scenario that reports power.
         *
         * @param powered the pool's powered GPUs; NaN where sites.csv has no such column
         * @param powerMw its site's energized MW; NaN where the site has no power curve (or the column is absent)
         */
        public void row(int number, double time, double installed, double reserved, double busy, double queuedJobs,
                double queuedGpus, double powered, double powerMw) {
            PoolState pool = pools.get(number);
            if (pool.started) {
                pool.hold(time);
            }
            pool.started = true;
            pool.since = time;
            pool.installed = installed;
            pool.reserved = reserved;
            pool.busy = busy;
            pool.queuedJobs = queuedJobs;
            pool.queuedGpus = queuedGpus;
            pool.powered = powered;
            if (!Double.isNaN(powered)) {
                pool.power.energize(time, powerMw);
            }
        }

        /** Holds every pool's last state to the end of the period; returns the block's averages. */
        public Finished finish() {
            for (PoolState pool : pools) {
                pool.hold(grid.endHours());
            }
            Map<String, double[][]> byProvider = new LinkedHashMap<>();
            providers.forEach((id, in) -> byProvider.put(id, new double[][] {in[0].averages(), in[1].averages(),
                    in[2].averages(), in[3].averages()}));
            Map<String, double[][]> bySite = new LinkedHashMap<>();
            sites.forEach((id, in) -> bySite.put(id, new double[][] {in[0].averages(), in[1].averages()}));
            return new Finished(byProvider, bySite, owners, grid.bins(), power.finish());
        }
    }

    /**
     * A finished block: per provider its installed GPUs, PFLOP/s, queued jobs and GPUs; per site
     * its busy and available GPUs; all as averages per bin; and its sites' power, or null where the
     * rows told none.
     */
    public record Finished(Map<String, double[][]> providers, Map<String, double[][]> sites, Map<String, String> owners,
            int bins, PowerSeries.Finished power) {

        /** A provider's or site's series, or zeros where this block had none. */
        double[] row(Map<String, double[][]> rows, String id, int series) {
            double[][] in = rows.get(id);
            return in == null ? new double[bins] : in[series];
        }

        /** The sum over providers (in the given order), bin by bin. */
        double[] total(List<String> order, int series) {
            double[] out = new double[bins];
            for (String id : order) {
                double[][] in = providers.get(id);
                if (in != null) {
                    for (int k = 0; k < bins; k++) {
                        out[k] += in[series][k];
                    }
                }
            }
            return out;
        }

        double[] utilization(String site) {
            double[] b = row(sites, site, 0);
            double[] a = row(sites, site, 1);
            double[] out = new double[b.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = a[k] > 0 ? b[k] / a[k] : Double.NaN;
            }
            return out;
        }
    }

    /** Finished blocks in file order, reduced to each policy's series at the end. */
    static final class Assembly {
        private final Map<String, List<Finished>> blocks = new LinkedHashMap<>();

        void add(String policy, Finished block) {
            blocks.computeIfAbsent(policy, k -> new ArrayList<>()).add(block);
        }

        /**
         * @param providers provider ids in the order charts list them; those the blocks name besides
         *                  follow in the order they first appear
         * @param sites     site ids likewise
         * @param draws     per GPU type, its draw (for the sites' power)
         */
        Read result(List<String> providers, List<String> sites, Map<String, SummaryJson.GpuDraw> draws) {
            Set<String> providerOrder = new LinkedHashSet<>(providers);
            Set<String> siteOrder = new LinkedHashSet<>(sites);
            Map<String, String> owners = new LinkedHashMap<>();
            for (List<Finished> policy : blocks.values()) {
                for (Finished block : policy) {
                    providerOrder.addAll(block.providers().keySet());
                    siteOrder.addAll(block.sites().keySet());
                    block.owners().forEach(owners::putIfAbsent);
                }
            }
            Map<String, FleetSeries> out = new LinkedHashMap<>();
            blocks.forEach((policy, list) -> out.put(policy, reduce(list, List.copyOf(providerOrder), List.copyOf(siteOrder),
                    draws)));
            return new Read(out, owners);
        }
    }

    private static FleetSeries reduce(List<Finished> blocks, List<String> providers, List<String> sites,
            Map<String, SummaryJson.GpuDraw> draws) {
        Map<String, Band> gpus = new LinkedHashMap<>();
        Map<String, Band> pflops = new LinkedHashMap<>();
        Map<String, Band> jobs = new LinkedHashMap<>();
        Map<String, Band> queued = new LinkedHashMap<>();
        for (String provider : providers) {
            if (blocks.stream().noneMatch(b -> b.providers().containsKey(provider))) {
                continue; // a provider with no site
            }
            gpus.put(provider, Band.of(blocks.stream().map(b -> b.row(b.providers(), provider, 0)).toList()));
            pflops.put(provider, Band.of(blocks.stream().map(b -> b.row(b.providers(), provider, 1)).toList()));
            jobs.put(provider, Band.of(blocks.stream().map(b -> b.row(b.providers(), provider, 2)).toList()));
            queued.put(provider, Band.of(blocks.stream().map(b -> b.row(b.providers(), provider, 3)).toList()));
        }
        Map<String, Band> utilization = new LinkedHashMap<>();
        for (String site : sites) {
            if (blocks.stream().noneMatch(b -> b.sites().containsKey(site))) {
                continue;
            }
            utilization.put(site, Band.of(blocks.stream().map(b -> b.utilization(site)).toList()));
        }
        Band jobsTotal = Band.of(blocks.stream().map(b -> b.total(providers, 2)).toList());
        Band gpusTotal = Band.of(blocks.stream().map(b -> b.total(providers, 3)).toList());
        PowerSeries power = PowerSeries.reduce(blocks.stream().map(Finished::power).toList(), sites, draws,
                blocks.get(0).bins());
        return new FleetSeries(gpus, pflops, utilization, jobs, queued, jobsTotal, gpusTotal, blocks.size(), power);
    }

    /** A pool's last row, held until its next row (or the end), into its provider's and site's integrals. */
    private static final class PoolState {
        final TimeGrid.Integral[] provider;
        final TimeGrid.Integral[] site;
        final double peakPflops;
        final TimeGrid.Interval interval;
        final PowerSeries.Site power;
        TimeGrid.Integral[] powerType;
        boolean started;
        double since;
        double installed;
        double reserved;
        double busy;
        double queuedJobs;
        double queuedGpus;
        /** NaN in a sites.csv without power columns. */
        double powered = Double.NaN;

        PoolState(TimeGrid.Integral[] provider, TimeGrid.Integral[] site, double peakPflops, TimeGrid.Interval interval,
                PowerSeries.Site power) {
            this.provider = provider;
            this.site = site;
            this.peakPflops = peakPflops;
            this.interval = interval;
            this.power = power;
        }

        /** Adds the pool's values over [since, until). */
        void hold(double until) {
            TimeGrid.Interval held = interval.set(since, until);
            provider[0].add(held, installed);
            provider[1].add(held, installed * peakPflops);
            provider[2].add(held, queuedJobs);
            provider[3].add(held, queuedGpus);
            site[0].add(held, busy);
            site[1].add(held, installed - reserved);
            if (!Double.isNaN(powered)) {
                power.hold(powerType, held, installed, busy + reserved, powered);
            }
        }
    }

    /** The streaming pass over sites.csv: a block per (policy, replication) run of rows. */
    private static final class CsvReader {
        final CsvRows rows;
        final TimeGrid grid;
        final Map<String, Double> peakTflops;
        final Assembly assembly = new Assembly();
        /** The block's pools by "site\0type". */
        final Map<String, Integer> pools = new HashMap<>();
        /** The power columns: -1 where the file has none, -2 until the header is known. */
        int powered = -2;
        int powerMw;
        Block block;
        String policy;
        int replication;
        double last;

        CsvReader(CsvRows rows, TimeGrid grid, Map<String, Double> peakTflops) {
            this.rows = rows;
            this.grid = grid;
            this.peakTflops = peakTflops;
        }

        void row(CsvRecord r) throws ReportFormatException {
            String rowPolicy = r.get(0);
            int rowReplication = rows.integer(r, 1, "replication");
            if (!rowPolicy.equals(policy) || rowReplication != replication) {
                endBlock();
                policy = rowPolicy;
                replication = rowReplication;
                block = new Block(grid, peakTflops);
                last = 0;
            }
            double time = rows.number(r, 2, "time_h");
            if (!(time >= last)) {
                throw new ReportFormatException(rows.file() + ": line " + r.line() + ": time_h " + r.get(2)
                        + " goes back in time (rows of a replication are in time order)");
            }
            last = time;
            String key = r.get(4) + '\u0000' + r.get(6);
            Integer pool = pools.get(key);
            if (pool == null) {
                pool = block.pool(r.get(4), r.get(5), r.get(6));
                pools.put(key, pool);
            }
            if (powered == -2) {
                powered = rows.column(POWERED);
                powerMw = rows.column(POWER_MW);
            }
            block.row(pool, time, rows.number(r, 7, "installed_gpus"), rows.number(r, 8, "reserved_gpus"),
                    rows.number(r, 9, "busy_gpus"), rows.number(r, 10, "queued_jobs"), rows.number(r, 11, "queued_gpus"),
                    optional(r, powered, POWERED), optional(r, powerMw, POWER_MW));
        }

        /** A number of a column the file may lack: NaN where it does, or where the field is empty. */
        double optional(CsvRecord r, int column, String name) throws ReportFormatException {
            return column < 0 || column >= r.size() ? Double.NaN : rows.number(r, column, name);
        }

        void endBlock() {
            if (block != null) {
                assembly.add(policy, block.finish());
                block = null;
                pools.clear();
            }
        }
    }
}
