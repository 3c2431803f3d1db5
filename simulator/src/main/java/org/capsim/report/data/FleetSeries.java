package org.capsim.report.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.report.ReportFormatException;

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
 */
public record FleetSeries(Map<String, Band> installedGpus, Map<String, Band> installedPflops,
        Map<String, Band> utilization, Map<String, Band> queuedJobs, Map<String, Band> queuedGpus, Band queuedJobsTotal,
        Band queuedGpusTotal, int replications) {

    static final List<String> COLUMNS = List.of("policy", "replication", "time_h", "date", "site", "provider", "pool_type",
            "installed_gpus", "reserved_gpus", "busy_gpus", "queued_jobs", "queued_gpus");

    /**
     * Reads sites.csv: each policy's replications, as time averages on the grid.
     *
     * @param peakTflops per GPU type, its peak (for PFLOP/s)
     * @param providers  provider ids in the order charts list them (more are added as found)
     * @param sites      site ids likewise
     */
    static Read read(Path file, TimeGrid grid, Map<String, Double> peakTflops, List<String> providers,
            List<String> sites) throws IOException, ReportFormatException {
        Reader reader = new Reader(new CsvRows(file), grid, peakTflops, providers, sites);
        reader.rows.read(COLUMNS, reader::row);
        reader.endBlock();
        Map<String, FleetSeries> out = new LinkedHashMap<>();
        reader.blocks.forEach((policy, blocks) -> out.put(policy, reduce(blocks, reader.providers, reader.sites)));
        return new Read(out, reader.owners);
    }

    /** What sites.csv gives: per policy its series, and each site's provider as the rows say. */
    record Read(Map<String, FleetSeries> series, Map<String, String> siteOwners) {
    }

    private static FleetSeries reduce(List<Block> blocks, List<String> providers, List<String> sites) {
        Map<String, Band> gpus = new LinkedHashMap<>();
        Map<String, Band> pflops = new LinkedHashMap<>();
        Map<String, Band> jobs = new LinkedHashMap<>();
        Map<String, Band> queued = new LinkedHashMap<>();
        for (int p = 0; p < providers.size(); p++) {
            int i = p;
            if (blocks.stream().noneMatch(b -> i < b.seen[0].length && b.seen[0][i])) {
                continue; // a provider with no site
            }
            gpus.put(providers.get(p), Band.of(blocks.stream().map(b -> b.row(b.installed, i)).toList()));
            pflops.put(providers.get(p), Band.of(blocks.stream().map(b -> b.row(b.pflops, i)).toList()));
            jobs.put(providers.get(p), Band.of(blocks.stream().map(b -> b.row(b.queuedJobs, i)).toList()));
            queued.put(providers.get(p), Band.of(blocks.stream().map(b -> b.row(b.queuedGpus, i)).toList()));
        }
        Map<String, Band> utilization = new LinkedHashMap<>();
        for (int s = 0; s < sites.size(); s++) {
            int i = s;
            if (blocks.stream().noneMatch(b -> i < b.seen[1].length && b.seen[1][i])) {
                continue;
            }
            utilization.put(sites.get(s), Band.of(blocks.stream().map(b -> b.utilization(i)).toList()));
        }
        Band jobsTotal = Band.of(blocks.stream().map(b -> b.total(b.queuedJobs)).toList());
        Band gpusTotal = Band.of(blocks.stream().map(b -> b.total(b.queuedGpus)).toList());
        return new FleetSeries(gpus, pflops, utilization, jobs, queued, jobsTotal, gpusTotal, blocks.size());
    }

    /** One replication of one policy, as time averages per bin. */
    private static final class Block {
        final double[][] installed;
        final double[][] pflops;
        final double[][] queuedJobs;
        final double[][] queuedGpus;
        final double[][] busy;
        final double[][] available;
        /** [0] providers, [1] sites: which appear. */
        final boolean[][] seen;

        final int bins;

        Block(int providers, int sites, int bins) {
            this.bins = bins;
            installed = new double[providers][];
            pflops = new double[providers][];
            queuedJobs = new double[providers][];
            queuedGpus = new double[providers][];
            busy = new double[sites][];
            available = new double[sites][];
            seen = new boolean[][] {new boolean[providers], new boolean[sites]};
        }

        /** A provider's or site's row, or zeros where this block had none (it was found in a later block). */
        double[] row(double[][] rows, int i) {
            return i < rows.length ? rows[i] : new double[bins];
        }

        /** The sum over providers, bin by bin. */
        double[] total(double[][] rows) {
            double[] out = new double[bins];
            for (double[] r : rows) {
                for (int k = 0; k < bins; k++) {
                    out[k] += r[k];
                }
            }
            return out;
        }

        double[] utilization(int site) {
            double[] b = row(busy, site);
            double[] a = row(available, site);
            double[] out = new double[b.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = a[k] > 0 ? b[k] / a[k] : Double.NaN;
            }
            return out;
        }
    }

    /** A pool's last row, held until its next row (or the end). */
    private static final class PoolState {
        final int provider;
        final int site;
        final double peakPflops;
        double since;
        double installed;
        double reserved;
        double busy;
        double queuedJobs;
        double queuedGpus;

        PoolState(int provider, int site, double peakPflops) {
            this.provider = provider;
            this.site = site;
            this.peakPflops = peakPflops;
        }
    }

    /** The streaming pass over sites.csv. */
    private static final class Reader {
        final CsvRows rows;
        final TimeGrid grid;
        final Map<String, Double> peakTflops;
        final List<String> providers;
        final List<String> sites;
        final Map<String, List<Block>> blocks = new LinkedHashMap<>();
        final Map<String, PoolState> pools = new LinkedHashMap<>();
        String policy;
        int replication;
        // the block's integrals, by provider or site index
        final List<TimeGrid.Integral[]> providerIntegrals = new ArrayList<>(); // installed, pflops, jobs, gpus
        final List<TimeGrid.Integral[]> siteIntegrals = new ArrayList<>(); // busy, available
        final Map<String, Integer> providerIndex = new LinkedHashMap<>();
        final Map<String, Integer> siteIndex = new LinkedHashMap<>();
        final Map<String, String> owners = new LinkedHashMap<>();
        double last;

        Reader(CsvRows rows, TimeGrid grid, Map<String, Double> peakTflops, List<String> providers, List<String> sites) {
            this.rows = rows;
            this.grid = grid;
            this.peakTflops = peakTflops;
            this.providers = new ArrayList<>(providers);
            this.sites = new ArrayList<>(sites);
            for (String p : this.providers) {
                providerIndex.put(p, providerIndex.size());
            }
            for (String s : this.sites) {
                siteIndex.put(s, siteIndex.size());
            }
        }

        void row(CsvRows.Fields r) throws ReportFormatException {
            String rowPolicy = r.get(0);
            int rowReplication = rows.integer(r, 1, "replication");
            if (!rowPolicy.equals(policy) || rowReplication != replication) {
                endBlock();
                policy = rowPolicy;
                replication = rowReplication;
                last = 0;
            }
            double time = rows.number(r, 2, "time_h");
            if (!(time >= last)) {
                throw new ReportFormatException(rows.file() + ": line " + r.line() + ": time_h " + r.get(2)
                        + " goes back in time (rows of a replication are in time order)");
            }
            last = time;
            String key = r.get(4) + '\u0000' + r.get(6);
            PoolState pool = pools.get(key);
            if (pool == null) {
                int provider = index(providerIndex, providers, r.get(5));
                int site = index(siteIndex, sites, r.get(4));
                owners.putIfAbsent(r.get(4), r.get(5));
                Double peak = peakTflops.get(r.get(6));
                pool = new PoolState(provider, site, peak == null ? Double.NaN : peak / 1000);
                pool.since = time;
                pools.put(key, pool);
            } else {
                hold(pool, time);
            }
            pool.since = time;
            pool.installed = rows.number(r, 7, "installed_gpus");
            pool.reserved = rows.number(r, 8, "reserved_gpus");
            pool.busy = rows.number(r, 9, "busy_gpus");
            pool.queuedJobs = rows.number(r, 10, "queued_jobs");
            pool.queuedGpus = rows.number(r, 11, "queued_gpus");
        }

        private static int index(Map<String, Integer> index, List<String> names, String name) {
            return index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        /** Adds a pool's values over [since, until) to the block's integrals. */
        private void hold(PoolState pool, double until) {
            TimeGrid.Integral[] p = providerIntegrals(pool.provider);
            p[0].add(pool.since, until, pool.installed);
            p[1].add(pool.since, until, pool.installed * pool.peakPflops);
            p[2].add(pool.since, until, pool.queuedJobs);
            p[3].add(pool.since, until, pool.queuedGpus);
            TimeGrid.Integral[] s = siteIntegrals(pool.site);
            s[0].add(pool.since, until, pool.busy);
            s[1].add(pool.since, until, pool.installed - pool.reserved);
        }

        private TimeGrid.Integral[] providerIntegrals(int i) {
            while (providerIntegrals.size() <= i) {
                providerIntegrals.add(null);
            }
            if (providerIntegrals.get(i) == null) {
                providerIntegrals.set(i, new TimeGrid.Integral[] {grid.integral(), grid.integral(), grid.integral(), grid.integral()});
            }
            return providerIntegrals.get(i);
        }

        private TimeGrid.Integral[] siteIntegrals(int i) {
            while (siteIntegrals.size() <= i) {
                siteIntegrals.add(null);
            }
            if (siteIntegrals.get(i) == null) {
                siteIntegrals.set(i, new TimeGrid.Integral[] {grid.integral(), grid.integral()});
            }
            return siteIntegrals.get(i);
        }

        void endBlock() {
            if (policy == null) {
                return;
            }
            for (PoolState pool : pools.values()) {
                hold(pool, grid.endHours());
            }
            Block block = new Block(providers.size(), sites.size(), grid.bins());
            double[] zero = new double[grid.bins()];
            for (int p = 0; p < providers.size(); p++) {
                TimeGrid.Integral[] in = p < providerIntegrals.size() ? providerIntegrals.get(p) : null;
                block.seen[0][p] = in != null;
                block.installed[p] = in == null ? zero : in[0].averages();
                block.pflops[p] = in == null ? zero : in[1].averages();
                block.queuedJobs[p] = in == null ? zero : in[2].averages();
                block.queuedGpus[p] = in == null ? zero : in[3].averages();
            }
            for (int s = 0; s < sites.size(); s++) {
                TimeGrid.Integral[] in = s < siteIntegrals.size() ? siteIntegrals.get(s) : null;
                block.seen[1][s] = in != null;
                block.busy[s] = in == null ? zero : in[0].averages();
                block.available[s] = in == null ? zero : in[1].averages();
            }
            blocks.computeIfAbsent(policy, k -> new ArrayList<>()).add(block);
            pools.clear();
            providerIntegrals.clear();
            siteIntegrals.clear();
        }
    }
}
