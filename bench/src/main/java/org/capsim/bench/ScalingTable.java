package org.capsim.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./bench/run --scaling} prints: how a run's time grows with the number of jobs, of
 * pools and with queue length, three sizes each, one factor at a time. Each point is a fresh
 * {@code ./capsim run --no-charts} (JVM start included, as a planner sees it) of a generated
 * scenario; the table gives the wall time, the time per job and the time-average number of
 * queued jobs (integrated from sites.csv).
 *
 * <ul>
 * <li>jobs: the 64-GPU trace replay of (b) at 250k, 500k and 1M jobs;
 * <li>pools: 4, 16 and 64 pools of 64 GPUs at load 0.7, 200k jobs, routed by earliest start (which
 * asks every pool at every arrival);
 * <li>queue: one pool of 64 GPUs at loads that keep about 10, 100 and 1,000 jobs waiting, 100k
 * jobs, a fifth of them of a higher priority (each one jumps the queue, so the pool's start
 * forecast is replayed job by job on the next question).
 * </ul>
 */
final class ScalingTable {

    private record Point(String factor, String size, long jobs, double seconds, double meanQueue) {
    }

    private final Path root;
    private final Path work;
    private final List<Point> points = new ArrayList<>();

    ScalingTable(Path root, Path work) throws IOException {
        this.root = root;
        this.work = Files.createDirectories(work.resolve("scaling"));
    }

    void run(boolean quick) throws Exception {
        int scale = quick ? 20 : 1;
        for (int jobs : new int[] {250_000, 500_000, 1_000_000}) {
            Path dir = work.resolve("jobs-" + jobs / scale);
            Path scenario = Files.exists(dir.resolve("replay.yaml")) ? dir.resolve("replay.yaml")
                    : TraceGenerator.write(dir, jobs / scale, 5);
            measure("jobs", String.format(Locale.ROOT, "%,d jobs", jobs / scale), scenario);
        }
        for (int pools : new int[] {4, 16, 64}) {
            measure("pools", pools + " pools", write("pools-" + pools, poolsScenario(pools, 200_000 / scale)));
        }
        // load per pool: M/M/8-like (8-GPU jobs on 64 GPUs); 0.9 keeps ~10 waiting, higher loads
        // more, and an overload grows the queue through the run
        double[] loads = {0.93, 0.995, 1.03};
        String[] sizes = {"~10 queued", "~100 queued", "~1,000 queued"};
        for (int i = 0; i < loads.length; i++) {
            measure("queue", sizes[i], write("queue-" + i, queueScenario(loads[i], 100_000 / scale)));
        }
    }

    void print() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %-16s %12s %10s %12s %14s%n", "factor", "size", "jobs", "wall s", "us per job",
                "mean queued");
        for (Point p : points) {
            System.out.printf(Locale.ROOT, "%-8s %-16s %,12d %10.2f %12.2f %14.1f%n", p.factor(), p.size(), p.jobs(), p.seconds(),
                    p.seconds() * 1e6 / p.jobs(), p.meanQueue());
        }
    }

    private Path write(String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        return Files.writeString(dir.resolve("scenario.yaml"), yaml, StandardCharsets.UTF_8);
    }

    /** {@code pools} pools of 64 GPUs, 8-GPU jobs of 4 h on average at load 0.7, about {@code jobs} jobs. */
    private static String poolsScenario(int pools, int jobs) {
        double perDay = 0.7 * 8 / 4.0 * 24 * pools; // 8 jobs fit a pool; each holds it 4 h
        StringBuilder sites = new StringBuilder();
        for (int p = 0; p < pools; p++) {
            sites.append(String.format(Locale.ROOT, "  - { id: s%d, %s }%n", p, POOL));
        }
        return scenario("scaling-pools-" + pools, jobs / perDay, sites.toString(), String.format(Locale.ROOT,
                "  - { class: jobs, kind: sized, arrivals-per-day: %.3f, gpus: 8, hours: { exponential: { mean: 4 } } }%n",
                perDay));
    }

    /** One 64-GPU pool at {@code load}, a fifth of the jobs of a higher priority, about {@code jobs} jobs. */
    private static String queueScenario(double load, int jobs) {
        double perDay = load * 8 / 4.0 * 24;
        return scenario("scaling-queue-" + Math.round(load * 1000), jobs / perDay, "  - { id: s, " + POOL + " }\n",
                String.format(Locale.ROOT, """
                          - { class: urgent, kind: sized, priority: 1, arrivals-per-day: %.4f, gpus: 8,
                              hours: { exponential: { mean: 4 } } }
                          - { class: batch, kind: sized, arrivals-per-day: %.4f, gpus: 8, hours: { exponential: { mean: 4 } } }
                        """, 0.2 * perDay, 0.8 * perDay));
    }

    /** A site's provider and its one 64-GPU pool, there from before the start. */
    private static final String POOL = "provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 64 } ]";

    /** A scenario of {@code days} days routed by earliest start; {@code sites} and {@code demand} are YAML list items. */
    private static String scenario(String name, double days, String sites, String demand) {
        return """
                name: %s
                start: 2025-01-01
                horizon: %s
                seed: 1
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 2 } }
                sites:
                %sdemand:
                %srouting: { policy: earliest-start }
                """.formatted(name, LocalDate.of(2025, 1, 1).plusDays((long) Math.ceil(days)), sites, demand);
    }

    private void measure(String factor, String size, Path scenario) throws Exception {
        Path out = scenario.resolveSibling("out");
        System.out.println("running " + factor + " " + size + " ...");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(root.resolve("capsim").toString(), "run", scenario.toString(), "--replications",
                "1", "--no-charts", "--quiet", "--out", out.toString()).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(scenario.resolveSibling("run.out").toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(factor + " " + size + " failed; see " + scenario.resolveSibling("run.out"));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] jobs = {0};
        try (BufferedReader in = Files.newBufferedReader(out.resolve("jobs.csv"), StandardCharsets.UTF_8)) {
            in.lines().skip(1).forEach(line -> jobs[0]++);
        }
        points.add(new Point(factor, size, jobs[0], seconds, meanQueued(out.resolve("sites.csv"))));
    }

    /** Time-average of queued_jobs summed over pools, from sites.csv (a row per pool at every change). */
    static double meanQueued(Path sites) throws IOException {
        java.util.Map<String, double[]> last = new java.util.HashMap<>(); // pool: time, queued
        double area = 0;
        double first = Double.NaN;
        double end = 0;
        try (BufferedReader in = Files.newBufferedReader(sites, StandardCharsets.UTF_8)) {
            String line = in.readLine(); // header
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                double time = Double.parseDouble(f[2]);
                String pool = f[4] + "/" + f[6];
                double queued = Double.parseDouble(f[10]);
                double[] previous = last.get(pool);
                if (previous != null) {
                    area += previous[1] * (time - previous[0]);
                }
                last.put(pool, new double[] {time, queued});
                first = Double.isNaN(first) ? time : first;
                end = Math.max(end, time);
            }
        }
        return end > first ? area / (end - first) : 0;
    }
}
