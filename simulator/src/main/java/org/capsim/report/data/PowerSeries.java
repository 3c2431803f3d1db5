package org.capsim.report.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.report.SummaryJson;

/**
 * One policy's power over time per site (SPEC 6.2), from sites.csv's {@code powered_gpus} and
 * {@code power_mw}: the draw recomputed from the pools' busy, reserved and powered GPUs, the
 * energized MW, and the GPUs installed but not powered. Each as a {@link Band} over replications;
 * all empty for a report without those columns.
 *
 * @param drawMw       per site, MW drawn: busy and reserved GPUs at their type's busy share of
 *                     kW, idle powered ones at the idle share (NaN where a type's draw is unknown)
 * @param energizedMw  per site with a power curve, its energized MW
 * @param strandedGpus per site, installed GPUs that no power feeds
 */
public record PowerSeries(Map<String, Band> drawMw, Map<String, Band> energizedMw, Map<String, Band> strandedGpus) {

    /** A report without power columns. */
    public static final PowerSeries NONE = new PowerSeries(Map.of(), Map.of(), Map.of());

    /** Whether sites.csv told anything of power. */
    public boolean any() {
        return !drawMw.isEmpty();
    }

    /**
     * The power part of a replication's block: per site and GPU type the active (busy or
     * reserved) and idle powered GPUs, per site the stranded GPUs and the energized MW, as time
     * integrals. The draw is made of the first two only at the end ({@link Finished#drawMw}):
     * it is linear in them, so a row need not know the types' kW.
     */
    static final class Gather {
        private final TimeGrid grid;
        private final Map<String, Site> sites = new LinkedHashMap<>();

        Gather(TimeGrid grid) {
            this.grid = grid;
        }

        /** A site's integrals, made at its first pool. */
        Site site(String id) {
            return sites.computeIfAbsent(id, s -> new Site(grid));
        }

        /** Holds each site's energized MW to the end; returns the averages, or null where no row told of power. */
        Finished finish() {
            Map<String, Finished.SiteAverages> out = new LinkedHashMap<>();
            sites.forEach((id, site) -> {
                if (site.reported) {
                    site.energize(grid.endHours(), Double.NaN);
                    Map<String, double[][]> types = new LinkedHashMap<>();
                    site.types.forEach((type, in) -> types.put(type, new double[][] {in[0].averages(), in[1].averages()}));
                    out.put(id, new Finished.SiteAverages(types, site.stranded.averages(),
                            site.energizedSeen ? site.energized.averages() : null));
                }
            });
            return out.isEmpty() ? null : new Finished(out);
        }
    }

    /** A site's power integrals in one replication. */
    static final class Site {
        private final TimeGrid grid;
        /** Per GPU type: active GPUs, idle powered GPUs. */
        private final Map<String, TimeGrid.Integral[]> types = new LinkedHashMap<>();
        private final TimeGrid.Integral stranded;
        private final TimeGrid.Integral energized;
        private boolean reported;
        private boolean energizedSeen;
        /** The energized MW in force since {@link #since} (NaN: none yet, or no curve). */
        private double level = Double.NaN;
        private double since;

        Site(TimeGrid grid) {
            this.grid = grid;
            this.stranded = grid.integral();
            this.energized = grid.integral();
        }

        /** A type's pair of integrals at this site. */
        TimeGrid.Integral[] type(String type) {
            return types.computeIfAbsent(type, t -> new TimeGrid.Integral[] {grid.integral(), grid.integral()});
        }

        /** The site's energized MW from {@code time} on, as a row gives it (NaN: the site has no curve). */
        void energize(double time, double megawatts) {
            if (!Double.isNaN(level)) {
                energized.add(since, time, level);
            }
            level = megawatts;
            since = time;
            energizedSeen |= !Double.isNaN(megawatts);
        }

        /**
         * Adds a pool's GPUs held over an interval: active (busy or reserved) GPUs, idle powered
         * ones (never below 0: a power cut does not stop jobs already running) and stranded ones.
         */
        void hold(TimeGrid.Integral[] type, TimeGrid.Interval held, double installed, double active, double powered) {
            reported = true;
            type[0].add(held, active);
            type[1].add(held, Math.max(0, powered - active));
            stranded.add(held, Math.max(0, installed - powered));
        }
    }

    /** A finished block's power: per site its averages per bin. */
    record Finished(Map<String, SiteAverages> sites) {

        /**
         * @param types     per GPU type: active GPUs, idle powered GPUs
         * @param stranded  installed GPUs no power feeds
         * @param energized energized MW, or null where the site has no power curve
         */
        record SiteAverages(Map<String, double[][]> types, double[] stranded, double[] energized) {
        }

        /** A site's draw in MW per bin; NaN where one of its types has no known draw. */
        double[] drawMw(String site, Map<String, SummaryJson.GpuDraw> draws, int bins) {
            SiteAverages in = sites.get(site);
            double[] out = new double[bins];
            if (in == null) {
                return out;
            }
            in.types().forEach((type, averages) -> {
                SummaryJson.GpuDraw draw = draws.get(type);
                for (int k = 0; k < bins; k++) {
                    out[k] += draw == null ? Double.NaN : draw.megawatts(averages[0][k], averages[1][k]);
                }
            });
            return out;
        }
    }

    /**
     * The replications' power of one policy as bands.
     *
     * @param blocks per replication its power, null for one that told none
     * @param sites  site ids in the order charts list them
     */
    static PowerSeries reduce(List<Finished> blocks, List<String> sites, Map<String, SummaryJson.GpuDraw> draws,
            int bins) {
        if (blocks.stream().allMatch(b -> b == null)) {
            return NONE;
        }
        Map<String, Band> draw = new LinkedHashMap<>();
        Map<String, Band> energized = new LinkedHashMap<>();
        Map<String, Band> stranded = new LinkedHashMap<>();
        for (String site : sites) {
            if (blocks.stream().noneMatch(b -> b != null && b.sites().containsKey(site))) {
                continue;
            }
            List<double[]> d = new ArrayList<>();
            List<double[]> e = new ArrayList<>();
            List<double[]> s = new ArrayList<>();
            for (Finished b : blocks) {
                Finished.SiteAverages in = b == null ? null : b.sites().get(site);
                d.add(b == null ? new double[bins] : b.drawMw(site, draws, bins));
                s.add(in == null ? new double[bins] : in.stranded());
                if (in != null && in.energized() != null) {
                    e.add(in.energized());
                }
            }
            draw.put(site, Band.of(d));
            stranded.put(site, Band.of(s));
            if (!e.isEmpty()) {
                energized.put(site, Band.of(e));
            }
        }
        return new PowerSeries(draw, energized, stranded);
    }
}
