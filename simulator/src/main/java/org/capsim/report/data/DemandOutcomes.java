package org.capsim.report.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of one policy's demand, read from jobs.csv: per class and calendar quarter of
 * arrival, the demanded GPU-hours of the jobs that started (served) and of those that did not
 * (unserved: abandoned, unfunded, rejected, still waiting at the horizon); and the jobs that gave
 * up waiting (status {@code abandoned}), as a share of the jobs of each provider, each class and
 * the fleet, with the distribution of how long they waited.
 *
 * @param served         per class, per quarter (the ROFR chart's quarters), mean per replication;
 *                       empty when jobs.csv has no {@code demand_gpu_hours}
 * @param abandoned      jobs arrived after the warm-up and how many of them were abandoned, all replications pooled
 * @param byProvider     likewise per provider whose queue the job was in (jobs never queued at one left out)
 * @param byClass        likewise per class
 * @param waits          the abandoned jobs' waits (after the warm-up), all replications pooled
 * @param waitsByClass   likewise per class
 */
public record DemandOutcomes(Map<String, List<Served>> served, Share abandoned, Map<String, Share> byProvider,
        Map<String, Share> byClass, Cdf waits, Map<String, Cdf> waitsByClass) {

    /** The status of a job that left its queue before it started. */
    static final String ABANDONED = "abandoned";

    /** A quarter's demanded GPU-hours of one class, split by whether the job started. */
    public record Served(String quarter, double served, double unserved) {
        public double demand() {
            return served + unserved;
        }
    }

    /** Jobs of a group and how many of them were abandoned. */
    public record Share(long jobs, long abandoned) {
        /** The abandoned fraction, 0 for a group without jobs. */
        public double fraction() {
            return jobs == 0 ? 0 : (double) abandoned / jobs;
        }
    }

    /** Whether jobs.csv gave each job's demand, so served and unserved GPU-hours can be drawn. */
    public boolean hasServed() {
        return !served.isEmpty();
    }

    /** Whether any job was abandoned (after the warm-up). */
    public boolean anyAbandoned() {
        return abandoned.abandoned() > 0;
    }

    /**
     * Outcomes gathered row by row (one replication's), or block by block (a policy's, over its
     * replications).
     */
    static final class Tally {
        private final Map<String, double[][]> served = new LinkedHashMap<>();
        private final long[] fleet = new long[2];
        private final Map<String, long[]> byProvider = new LinkedHashMap<>();
        private final Map<String, long[]> byClass = new LinkedHashMap<>();
        private final WaitSample waits = new WaitSample();
        private final Map<String, WaitSample> waitsByClass = new LinkedHashMap<>();

        /**
         * A job's outcome.
         *
         * @param quarter  its quarter of arrival, counted from the period's first (from 0)
         * @param demand   its demanded GPU-hours, NaN when jobs.csv does not say
         * @param counted  whether it arrived after the warm-up (shares and waits leave the others out)
         * @param key      its row's key in the wait samples
         */
        void row(String jobClass, String provider, int quarter, boolean started, boolean abandoned, double demand,
                double wait, boolean counted, long key) {
            if (!Double.isNaN(demand)) {
                double[][] split = served.computeIfAbsent(jobClass, k -> new double[2][0]);
                if (quarter >= split[0].length) {
                    split[0] = Arrays.copyOf(split[0], quarter + 1);
                    split[1] = Arrays.copyOf(split[1], quarter + 1);
                }
                split[started ? 0 : 1][quarter] += demand;
            }
            if (!counted) {
                return;
            }
            long[] one = {1, abandoned ? 1 : 0};
            add(fleet, one);
            add(byClass.computeIfAbsent(jobClass, k -> new long[2]), one);
            if (!provider.isEmpty()) {
                add(byProvider.computeIfAbsent(provider, k -> new long[2]), one);
            }
            if (abandoned && !Double.isNaN(wait)) {
                waits.add(key, wait);
                waitsByClass.computeIfAbsent(jobClass, k -> new WaitSample()).add(key, wait);
            }
        }

        /** Adds another tally's outcomes (another replication's). */
        void add(Tally block) {
            block.served.forEach((jobClass, split) -> {
                double[][] sum = served.computeIfAbsent(jobClass, k -> new double[2][0]);
                for (int part = 0; part < 2; part++) {
                    if (split[part].length > sum[part].length) {
                        sum[part] = Arrays.copyOf(sum[part], split[part].length);
                    }
                    for (int q = 0; q < split[part].length; q++) {
                        sum[part][q] += split[part][q];
                    }
                }
            });
            add(fleet, block.fleet);
            block.byProvider.forEach((k, v) -> add(byProvider.computeIfAbsent(k, x -> new long[2]), v));
            block.byClass.forEach((k, v) -> add(byClass.computeIfAbsent(k, x -> new long[2]), v));
            waits.merge(block.waits);
            block.waitsByClass.forEach((k, v) -> waitsByClass.computeIfAbsent(k, x -> new WaitSample()).merge(v));
        }

        private static void add(long[] to, long[] from) {
            to[0] += from[0];
            to[1] += from[1];
        }

        /**
         * @param quarters     the quarters' labels, from the period's first
         * @param replications how many tallies were added, for the means per replication
         */
        DemandOutcomes result(List<String> quarters, int replications) {
            Map<String, List<Served>> perClass = new LinkedHashMap<>();
            served.forEach((jobClass, split) -> {
                List<Served> list = new ArrayList<>();
                for (int q = 0; q < quarters.size(); q++) {
                    list.add(new Served(quarters.get(q), at(split[0], q) / replications, at(split[1], q) / replications));
                }
                perClass.put(jobClass, List.copyOf(list));
            });
            Map<String, Cdf> classWaits = new LinkedHashMap<>();
            waitsByClass.forEach((k, v) -> classWaits.put(k, v.cdf()));
            return new DemandOutcomes(perClass, share(fleet), shares(byProvider), shares(byClass), waits.cdf(), classWaits);
        }

        private static double at(double[] values, int q) {
            return q < values.length ? values[q] : 0;
        }

        private static Share share(long[] counts) {
            return new Share(counts[0], counts[1]);
        }

        private static Map<String, Share> shares(Map<String, long[]> counts) {
            Map<String, Share> out = new LinkedHashMap<>();
            counts.forEach((k, v) -> out.put(k, share(v)));
            return out;
        }
    }
}
