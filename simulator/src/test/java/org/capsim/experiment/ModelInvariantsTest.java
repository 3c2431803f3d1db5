package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.capsim.model.JobStatus;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.MemoryRecorder.PoolRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties every run must have, checked on random scenarios (sites with tranches and
 * retirements, several classes and priorities, both schedulers, with and without failures):
 * GPU conservation and a clock that never goes back (MemoryRecorder asserts both at every pool
 * change), each job in exactly one consistent final state, GPU-hours equal to GPUs times the
 * time held, no start before arrival, before the pool's first GPUs or after the horizon,
 * priority-then-arrival order within a pool under FIFO, and Little's law on the sample path.
 */
class ModelInvariantsTest {

    private static final long SEED = 20251123L;
    private static final int SCENARIOS = 40;

    @TempDir
    Path dir;

    /** One random scenario and what its run recorded. */
    private record Case(int number, String yaml, Scenario scenario, MemoryRecorder record, boolean fifo,
            Map<String, Double> firstGpus) {
        String where(Object what) {
            return "scenario " + number + ": " + what;
        }
    }

    @Test
    void invariantsHoldOnRandomScenarios() {
        Random random = new Random(SEED);
        int jobs = 0;
        int changes = 0;
        int ordered = 0;
        int reorderedByBackfill = 0;
        for (int n = 0; n < SCENARIOS; n++) {
            Case c = randomCase(n, random);
            jobs += c.record().jobs.size();
            changes += c.record().pools.size();
            everyJobHasOneConsistentFinalState(c);
            gpuHoursAreGpusTimesTimeHeld(c);
            startsAreInsideTheirWindow(c);
            List<String> outOfOrder = new ArrayList<>();
            int pairs = queueOrderPairs(c, outOfOrder);
            if (c.fifo()) {
                ordered += pairs;
                assertTrue(outOfOrder.isEmpty(), () -> c.where(outOfOrder.size()
                        + " pairs started out of queue order, e.g. " + outOfOrder.get(0)));
            } else {
                reorderedByBackfill += outOfOrder.size();
            }
            littlesLawHoldsOnTheSamplePath(c);
        }
        System.out.printf("invariants: seed %d, %d random scenarios, %d jobs, %d pool changes, %d FIFO pairs in order, "
                + "%d pairs reordered by EASY backfilling%n", SEED, SCENARIOS, jobs, changes, ordered, reorderedByBackfill);
        assertTrue(jobs > 5_000 && ordered > 10_000, "too few jobs (" + jobs + ") or ordered pairs (" + ordered + ") to test");
        // the order check can fail: backfilling, which may start a job ahead of its turn, trips it
        assertTrue(reorderedByBackfill > 0, "the queue-order check never saw backfilling reorder a queue");
    }

    private Case randomCase(int n, Random random) {
        boolean fifo = random.nextBoolean();
        StringBuilder sites = new StringBuilder();
        Map<String, Double> firstGpus = new HashMap<>();
        int siteCount = 1 + random.nextInt(3);
        for (int s = 0; s < siteCount; s++) {
            int day = 1 + random.nextInt(10); // some sites start after the run does
            int gpus = 16 + random.nextInt(240);
            sites.append(String.format(Locale.ROOT, "  - id: s%d%n    provider: p%d%n    build-out:%n", s, s % 2));
            sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: H100, gpus: %d }%n", day, gpus));
            firstGpus.put("s" + s, (day - 1) * 24.0);
            if (random.nextBoolean()) {
                sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: H100, gpus: %d }%n",
                        12 + random.nextInt(10), 8 + random.nextInt(128)));
            }
            if (random.nextBoolean()) {
                sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: H100, retire-gpus: %d }%n",
                        22 + random.nextInt(6), 1 + random.nextInt(gpus / 2)));
            }
        }
        StringBuilder demand = new StringBuilder();
        int classes = 1 + random.nextInt(3);
        for (int k = 0; k < classes; k++) {
            demand.append(String.format(Locale.ROOT, "  - { class: c%d, kind: sized, priority: %d, arrivals-per-day: %d, "
                    + "gpus: { choice: { 1: 0.3, 8: 0.4, 16: 0.2, 32: 0.1 } }, hours: { exponential: { mean: %d } } }%n", k,
                    random.nextInt(3), 10 + random.nextInt(60), 1 + random.nextInt(20)));
        }
        String failures = random.nextInt(3) == 0 ? "failures: { gpu-mtbf-hours: 2000, checkpoint-hours: 1, restart-hours: 0.5 }\n" : "";
        String yaml = """
                name: invariants
                start: 2025-01-01
                horizon: 2025-01-31
                seed: %d
                scheduling: %s
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: 3 } }
                sites:
                %sdemand:
                %srouting: { policy: earliest-start }
                %s""".formatted(n + 1, fifo ? "fifo" : "easy-backfill", sites, demand, failures);
        Scenario scenario = TestScenarios.load(dir, yaml);
        MemoryRecorder record = TestScenarios.run(scenario, null, 1).first(); // asserts conservation and the clock
        return new Case(n, yaml, scenario, record, fifo, firstGpus);
    }

    /** Each job appears once, in a status its times agree with. */
    private static void everyJobHasOneConsistentFinalState(Case c) {
        Set<String> ids = new HashSet<>();
        double end = c.scenario().endHours();
        for (JobRow job : c.record().jobs) {
            assertTrue(ids.add(job.id()), () -> c.where("job " + job.id() + " ended twice"));
            boolean started = !Double.isNaN(job.start());
            boolean ended = !Double.isNaN(job.end());
            boolean ok = switch (job.status()) {
                case COMPLETED -> started && ended && job.end() <= end + 1e-9;
                case RUNNING -> started && !ended;
                case WAITING -> !started && job.site() != null;
                case REJECTED, UNFUNDED -> !started && job.site() == null;
                case ABANDONED -> !started && ended && job.end() <= end + 1e-9;
            };
            assertTrue(ok, () -> c.where(job));
        }
    }

    /** A completed job held its GPUs from start to end, and is charged exactly that. */
    private static void gpuHoursAreGpusTimesTimeHeld(Case c) {
        for (JobRow job : c.record().jobs) {
            if (job.status() == JobStatus.COMPLETED) {
                double held = job.gpus() * (job.end() - job.start());
                assertEquals(held, job.gpuHours(), 1e-9 * Math.max(1, held), () -> c.where(job));
            }
        }
    }

    /** No job starts before it arrives, before its site has GPUs, or after the horizon. */
    private static void startsAreInsideTheirWindow(Case c) {
        for (JobRow job : c.record().jobs) {
            if (!Double.isNaN(job.start())) {
                assertTrue(job.start() >= job.arrival() - 1e-9, () -> c.where("started before it arrived: " + job));
                assertTrue(job.start() >= c.firstGpus().get(job.site()) - 1e-9, () -> c.where("started before its pool: " + job));
                assertTrue(job.start() <= c.scenario().endHours() + 1e-9, () -> c.where("started after the horizon: " + job));
            }
        }
    }

    /**
     * Queue order within a pool: a job ahead in the queue (higher priority, or the same priority
     * and earlier arrival) that was waiting when another started must have started no later (FIFO
     * guarantees it; EASY backfilling may break it). Routing is earliest-start, which queues a job
     * at its arrival. Returns the pairs checked; adds the pairs out of order to {@code outOfOrder}.
     */
    private static int queueOrderPairs(Case c, List<String> outOfOrder) {
        Map<String, List<JobRow>> byPool = new HashMap<>();
        for (JobRow job : c.record().jobs) {
            if (job.site() != null) {
                byPool.computeIfAbsent(job.site() + "/" + job.gpuType(), k -> new ArrayList<>()).add(job);
            }
        }
        int pairs = 0;
        for (List<JobRow> pool : byPool.values()) {
            for (JobRow y : pool) {
                if (Double.isNaN(y.start())) {
                    continue;
                }
                for (JobRow x : pool) {
                    boolean ahead = x.priority() > y.priority() || x.priority() == y.priority() && x.arrival() < y.arrival();
                    if (x != y && ahead && x.arrival() < y.start()) {
                        pairs++;
                        double xStart = Double.isNaN(x.start()) ? Double.POSITIVE_INFINITY : x.start();
                        if (xStart > y.start() + 1e-9) {
                            // the first example in full; then the count is enough
                            outOfOrder.add(outOfOrder.isEmpty() ? x.id() + " was ahead of " + y.id()
                                    + " in the queue but started later: " + x + " / " + y : "");
                        }
                    }
                }
            }
        }
        return pairs;
    }

    /**
     * Little's law on the sample path: the integral of the jobs queued in the pools over the run
     * equals the sum over jobs of their time in a queue within the run (an identity, so the
     * tolerance is rounding only). This is L = lambda W with both sides measured on one run.
     */
    private static void littlesLawHoldsOnTheSamplePath(Case c) {
        double end = c.scenario().endHours();
        double waited = 0;
        for (JobRow job : c.record().jobs) {
            if (job.site() != null) {
                waited += (Double.isNaN(job.start()) ? end : job.start()) - job.arrival();
            }
        }
        Map<Integer, PoolRow> last = new HashMap<>();
        double area = 0;
        for (PoolRow row : c.record().pools) {
            PoolRow before = last.put(row.pool(), row);
            if (before != null) {
                area += before.queuedJobs() * (row.time() - before.time());
            }
        }
        assertEquals(waited, area, 1e-6 * Math.max(1, waited), c.where("queue area vs the sum of waits"));
    }

    /**
     * Little's law on the report files themselves: from sites.csv (a row at every change), the
     * integral of the jobs queued in all pools equals, from jobs.csv, the sum over queued jobs of
     * the time they waited within the run; and so L = lambda W with L the time-average queue,
     * lambda the arrival rate and W the mean time in queue. Equal up to the 6 decimals of the CSV.
     */
    @Test
    void littlesLawHoldsOnTheCsvFiles() throws Exception {
        Path scenario = TestScenarios.write(dir, "little.yaml", """
                name: little
                start: 2025-01-01
                horizon: 2025-02-28
                seed: 4
                replications: 2
                scheduling: easy-backfill
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { a: { price-per-gpu-hour: 2 }, b: { price-per-gpu-hour: 3 } }
                sites:
                  - { id: s1, provider: a, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 96 },
                                                         { date: 2025-02-01, gpu-type: H100, retire-gpus: 32 } ] }
                  - { id: s2, provider: b, build-out: [ { date: 2025-01-10, gpu-type: H100, gpus: 64 } ] }
                demand:
                  - { class: w, kind: sized, arrivals-per-day: 60, gpus: { choice: { 1: 0.5, 8: 0.3, 32: 0.2 } },
                      hours: { exponential: { mean: 8 } } }
                  - { class: urgent, kind: sized, priority: 5, arrivals-per-day: 5, gpus: 16, hours: 4 }
                routing: { policy: earliest-start }
                """);
        Path out = dir.resolve("little-report");
        int exit = org.capsim.cli.Main.run(new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet",
            "--no-charts"}, System.out, System.err);
        assertEquals(0, exit);
        double end = TestScenarios.load(scenario).endHours();
        Map<String, Double> waited = new HashMap<>();
        Map<String, Integer> arrived = new HashMap<>();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(out.resolve("jobs.csv"))) {
            for (org.apache.commons.csv.CSVRecord row : org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
                    .setSkipHeaderRecord(true).build().parse(in)) {
                String replication = row.get("replication");
                arrived.merge(replication, 1, Integer::sum);
                if (!row.get("site").isEmpty()) { // queued in a pool (a rejected job never was)
                    double arrival = Double.parseDouble(row.get("arrival_h"));
                    double start = row.get("start_h").isEmpty() ? end : Double.parseDouble(row.get("start_h"));
                    waited.merge(replication, start - arrival, Double::sum);
                }
            }
        }
        Map<String, Double> area = new HashMap<>();
        Map<String, double[]> last = new HashMap<>(); // per replication and pool: time, queued jobs
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(out.resolve("sites.csv"))) {
            for (org.apache.commons.csv.CSVRecord row : org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
                    .setSkipHeaderRecord(true).build().parse(in)) {
                String key = row.get("replication") + "/" + row.get("site") + "/" + row.get("pool_type");
                double time = Double.parseDouble(row.get("time_h"));
                double[] before = last.put(key, new double[] {time, Double.parseDouble(row.get("queued_jobs"))});
                if (before != null) {
                    area.merge(row.get("replication"), before[1] * (time - before[0]), Double::sum);
                }
            }
        }
        for (String replication : List.of("1", "2")) {
            double l = area.get(replication) / end;
            double lambda = arrived.get(replication) / end;
            double w = waited.get(replication) / arrived.get(replication);
            System.out.printf(Locale.ROOT, "Little's law on the CSV files, replication %s: L = %.4f jobs, lambda W = %.4f"
                    + " x %.4f h = %.4f jobs%n", replication, l, lambda, w, lambda * w);
            assertEquals(lambda * w, l, 1e-6 * Math.max(1, l), "replication " + replication);
            assertTrue(l > 1, "a queue long enough to mean something: L = " + l);
        }
    }
}
