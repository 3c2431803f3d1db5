package org.capsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What ./bench/run prints (bench/README.md describes each row and its target): (a) the kernel
 * against a bare loop on one M/M/8 model (JMH, same run); (b) capsim replaying a generated trace
 * end to end (through the ./capsim launcher, as a planner runs it) against the bare
 * ReferenceReplay of the same trace writing the same jobs.csv, both as fresh JVMs timed from
 * outside, at N and 3N jobs for the marginal cost per job; (c) stargate-2025 at 1 and 2 threads;
 * (d) the peak heap of (b) and (c), read from each JVM's GC log; (e) backlog scaling
 * ({@link BacklogRow}); (f) stargate-2025 under each policy ({@link PolicyRow}); (g) start-up
 * ({@link StartupRow}); (h) thread scaling, only when asked ({@link ThreadScalingRow}); (i) stargate-2025
 * with power on and off ({@link PowerRow}); (j) the stargate compare on Spark against threads,
 * only when asked ({@link SparkRow}); (k) reading a trace as SWF against CSV ({@link TraceFormatRow}).
 *
 * <p>{@code BenchTable [--quick] [--jobs N] [--replications R] [--rounds K] [--only LETTERS]}
 * from the repository root; {@code --quick} is the smoke run (small sizes). {@code --scaling}
 * prints the {@link ScalingTable} instead.
 */
public final class BenchTable {

    /** The rows of a plain ./bench/run; (d) comes with (b) and (c), (h) and (j) only when asked. */
    private static final String DEFAULT_ROWS = "abcefgik";

    private final Path root = Path.of("").toAbsolutePath();
    private final Path work;
    private final Path benchJar;
    private final Launcher launcher;
    private final List<Row> rows = new ArrayList<>();
    /** Rounds of (a), (b) and (f); the fastest of each side is kept. */
    private int rounds = 3;

    private BenchTable() throws IOException {
        work = Files.createDirectories(root.resolve("bench/target/bench-work"));
        benchJar = root.resolve("bench/target/benchmarks.jar");
        for (Path jar : List.of(root.resolve("simulator/target/capsim.jar"), benchJar)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./bench/run (it builds both jars first)");
            }
        }
        launcher = new Launcher(root, work);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int jobs = intArg(args, "--jobs", quick ? 20_000 : 1_000_000);
        int replications = intArg(args, "--replications", quick ? 2 : 20);
        BenchTable table = new BenchTable();
        table.prepareLauncher();
        table.rounds = intArg(args, "--rounds", quick ? 1 : 3);
        if (List.of(args).contains("--scaling")) {
            System.out.printf(Locale.ROOT, "capsim scaling (JDK %s, %d cores%s)%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), quick ? ", quick smoke run: a twentieth of the sizes" : "");
            ScalingTable scaling = new ScalingTable(table.root, table.work);
            scaling.run(quick);
            scaling.print();
            return;
        }
        System.out.printf(Locale.ROOT, "capsim benchmarks (JDK %s, %d cores%s)%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), quick ? ", quick smoke run: small sizes; (f) and (h) stop at " + StargateScenario.QUICK_HORIZON : "");
        String only = stringArg(args, "--only", DEFAULT_ROWS); // e.g. --only b: the replay alone
        if (only.contains("a")) {
            table.kernel(quick);
        }
        if (only.contains("b")) {
            table.replay(jobs);
        }
        if (only.contains("c")) {
            table.stargate(replications);
        }
        if (only.contains("e")) {
            table.rows.addAll(new BacklogRow(table.launcher).measure(quick));
        }
        if (only.contains("f")) {
            table.rows.addAll(new PolicyRow(table.launcher, table.rounds).measure(quick));
        }
        if (only.contains("g")) {
            table.rows.add(new StartupRow(table.launcher, quick ? 2 : 5).measure());
        }
        if (only.contains("i")) {
            table.rows.addAll(new PowerRow(table.launcher, table.rounds).measure(quick));
        }
        if (only.contains("j")) {
            table.rows.addAll(new SparkRow(table.launcher, table.rounds).measure(quick));
        }
        if (only.contains("k")) {
            table.rows.addAll(new TraceFormatRow(table.launcher, table.rounds).measure(jobs));
        }
        if (only.contains("h")) {
            table.rows.addAll(new ThreadScalingRow(table.launcher, intArg(args, "--replications", quick ? 2 : 16)).measure(quick));
        }
        table.print();
    }

    /**
     * Lets the launcher do its build check (and a build when the jar is stale) before anything
     * is timed.
     */
    private void prepareLauncher() throws Exception {
        System.out.println("preparing ./capsim (it builds its jar when missing or stale) ...");
        Process process = new ProcessBuilder(root.resolve("capsim").toString(), "--version").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("./capsim --version failed");
        }
    }

    private static String stringArg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    private static int intArg(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }

    // ---- (a) the kernel ----

    private void kernel(boolean quick) throws Exception {
        Options options = new OptionsBuilder().include(KernelJmh.class.getName() + ".*").forks(1)
                .warmupIterations(quick ? 1 : 3).measurementIterations(quick ? 1 : 5)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(quick ? 1 : 2))
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(quick ? 1 : 2))
                .build();
        // as in (b): both benchmarks run in turn, several rounds, each keeping its fastest score,
        // so a slow minute on a shared machine does not land on one side of the ratio only
        double bare = Double.POSITIVE_INFINITY;
        double kernel = Double.POSITIVE_INFINITY;
        for (int round = 0; round < rounds; round++) {
            Collection<RunResult> results = new Runner(options).run();
            for (RunResult result : results) {
                double ms = result.getPrimaryResult().getScore();
                if (result.getParams().getBenchmark().endsWith("bareLoop")) {
                    bare = Math.min(bare, ms);
                } else {
                    kernel = Math.min(kernel, ms);
                }
            }
        }
        long events = KernelBenchmark.bareLoop().events();
        rows.add(new Row("(a) M/M/8 kernel, " + String.format(Locale.ROOT, "%,d", events) + " events"
                + (rounds > 1 ? ", best of " + rounds : ""),
            String.format(Locale.ROOT, "bare loop %.0f ms (%.1f M events/s)", bare, events / bare / 1e3),
            String.format(Locale.ROOT, "capsim kernel %.0f ms (%.1f M events/s)", kernel, events / kernel / 1e3),
            Row.ratio(kernel / bare, 1.5)));
    }

    // ---- (b) the replay ----

    /** One trace size's fastest runs: the reference, capsim --no-charts and (N only) capsim with charts. */
    private record Replay(int jobs, Timed reference, Timed plain, Timed charts) {
    }

    private void replay(int jobs) throws Exception {
        // Wall times on a shared machine wander by a quarter from run to run: the programs run in
        // turn, several rounds, and each keeps its fastest round (the least disturbed).
        Replay small = new Replay(jobs, null, null, null);
        Replay large = new Replay(3 * jobs, null, null, null);
        for (int round = 0; round < rounds; round++) {
            small = replayRound(small, true);
            large = replayRound(large, false);
        }
        Timed reference = small.reference();
        Timed plain = small.plain();
        Timed charts = small.charts();
        String size = String.format(Locale.ROOT, "%,d jobs", jobs) + (rounds > 1 ? ", best of " + rounds : "");
        rows.add(new Row("(b) replay of " + size,
            String.format(Locale.ROOT, "reference %.2f s (%,.0f jobs/s)", reference.seconds(), jobs / reference.seconds()),
            String.format(Locale.ROOT, "capsim --no-charts %.2f s (%,.0f jobs/s)", plain.seconds(), jobs / plain.seconds()),
            Row.ratio(plain.seconds() / reference.seconds(), 2.0)));
        rows.add(new Row("    the same, with charts and index.html", "",
            String.format(Locale.ROOT, "capsim %.2f s", charts.seconds()), Row.ratio(charts.seconds() / reference.seconds(), 2.0)));
        // the marginal cost leaves out what a run pays once (JVM, scenario, first replication)
        double added = large.jobs() - jobs;
        double referencePerJob = (large.reference().seconds() - reference.seconds()) / added;
        double capsimPerJob = (large.plain().seconds() - plain.seconds()) / added;
        rows.add(new Row("    marginal cost per job, " + compact(jobs) + " to " + compact(large.jobs()) + " jobs",
            String.format(Locale.ROOT, "reference %.2f us (3N: %.2f s)", referencePerJob * 1e6, large.reference().seconds()),
            String.format(Locale.ROOT, "capsim --no-charts %.2f us (3N: %.2f s)", capsimPerJob * 1e6, large.plain().seconds()),
            referencePerJob > 0 && capsimPerJob > 0 ? Row.ratio(capsimPerJob / referencePerJob, 1.3)
                    : "no ratio: 3N ran no slower than N (noise)"));
        rows.add(new Row("(d) peak heap of (b)", "reference " + reference.peakHeapMb() + " MB",
            "capsim " + plain.peakHeapMb() + " MB (charts " + charts.peakHeapMb() + " MB, 3N " + large.plain().peakHeapMb()
                    + " MB)", "limit 512 MB"));
    }

    /** A job count as 1M or 20k when it is round. */
    private static String compact(int jobs) {
        return jobs % 1_000_000 == 0 ? jobs / 1_000_000 + "M"
                : jobs % 1_000 == 0 ? jobs / 1_000 + "k" : String.format(Locale.ROOT, "%,d", jobs);
    }

    /** One round at one size: the reference, capsim --no-charts and, if asked, capsim with charts, each kept if faster. */
    private Replay replayRound(Replay best, boolean withCharts) throws Exception {
        Path dir = work.resolve("replay-" + best.jobs());
        Path scenario = Files.exists(dir.resolve("replay.yaml")) ? dir.resolve("replay.yaml")
                : TraceGenerator.write(dir, best.jobs(), 5);
        Path gc = dir.resolve("gc-reference.log");
        Timed reference = launcher.time("reference " + best.jobs(), List.of("java", "-Xlog:gc:file=" + gc, "-cp",
                benchJar.toString(), ReferenceReplay.class.getName(), dir.resolve("trace.csv").toString(),
                dir.resolve("reference-jobs.csv").toString(), Integer.toString(TraceGenerator.GPUS),
                Double.toString(horizonHours(scenario)), Double.toString(TraceGenerator.PRICE)), gc, null);
        Timed plain = capsim(dir, scenario, "no-charts", "--no-charts");
        Timed charts = withCharts ? Timed.faster(best.charts(), capsim(dir, scenario, "default")) : null;
        return new Replay(best.jobs(), Timed.faster(best.reference(), reference), Timed.faster(best.plain(), plain), charts);
    }

    /** capsim as a planner runs it: the ./capsim launcher (with its JVM defaults), with -Xmx512m. */
    private Timed capsim(Path dir, Path scenario, String name, String... extra) throws Exception {
        Path gc = dir.resolve("gc-capsim-" + name + ".log");
        List<String> command = launcher.capsim("run", scenario.toString(), "--quiet", "--out",
                dir.resolve("capsim-" + name).toString());
        command.addAll(List.of(extra));
        return launcher.time("capsim " + name + " " + dir.getFileName(), command, gc, "-Xmx512m -Xlog:gc:file=" + gc);
    }

    private static double horizonHours(Path scenario) throws IOException {
        Matcher m = Pattern.compile("(?m)^horizon: (\\S+)").matcher(Files.readString(scenario));
        if (!m.find()) {
            throw new IllegalStateException(scenario + ": no horizon");
        }
        return (java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.parse(m.group(1))) + 1) * 24.0;
    }

    // ---- (c) stargate-2025 at 1 and 2 threads ----

    private void stargate(int replications) throws Exception {
        Timed[] runs = new Timed[2];
        for (int threads = 1; threads <= 2; threads++) {
            Path gc = work.resolve("gc-stargate-" + threads + ".log");
            runs[threads - 1] = launcher.time("stargate " + threads, launcher.capsim("run",
                    root.resolve("scenarios/stargate-2025.yaml").toString(), "--replications", Integer.toString(replications),
                    "--threads", Integer.toString(threads), "--no-charts", "--quiet", "--out",
                    work.resolve("stargate-" + threads).toString()), gc, "-Xlog:gc:file=" + gc);
        }
        rows.add(new Row("(c) stargate-2025, " + replications + " replications",
            String.format(Locale.ROOT, "1 thread %.1f s", runs[0].seconds()),
            String.format(Locale.ROOT, "2 threads %.1f s", runs[1].seconds()),
            String.format(Locale.ROOT, "speed-up %.2fx (target >= 1.7x)", runs[0].seconds() / runs[1].seconds())));
        rows.add(new Row("(d) peak heap of (c)", "1 thread " + runs[0].peakHeapMb() + " MB",
            "2 threads " + runs[1].peakHeapMb() + " MB", ""));
    }

    private void print() {
        System.out.println();
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%-46s %-36s %-46s %s%n", row.what(), row.reference(), row.capsim(), row.target());
        }
    }
}
