package org.capsim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * What ./bench/run prints: (a) the kernel against a bare loop on one M/M/8 model (JMH, same run);
 * (b) capsim replaying a generated trace end to end (through the ./capsim launcher, as a planner
 * runs it) against the bare ReferenceReplay of the same trace writing the same jobs.csv, both as
 * fresh JVMs timed from outside; (c) stargate-2025 at 1
 * and 2 threads; (d) the peak heap of (b) and (c), read from each JVM's GC log.
 *
 * <p>{@code BenchTable [--quick] [--jobs N] [--replications R]} from the repository root;
 * {@code --quick} is the smoke run (small sizes, seconds). {@code --scaling} prints the
 * {@link ScalingTable} instead.
 */
public final class BenchTable {

    private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M");

    private final Path root = Path.of("").toAbsolutePath();
    private final Path work;
    private final Path capsimJar;
    private final Path benchJar;
    private final List<String[]> rows = new ArrayList<>();
    /** Rounds of (a) and (b); the fastest of each side is kept. */
    private int rounds = 3;

    private BenchTable() throws IOException {
        work = Files.createDirectories(root.resolve("bench/target/bench-work"));
        capsimJar = root.resolve("simulator/target/capsim.jar");
        benchJar = root.resolve("bench/target/benchmarks.jar");
        for (Path jar : List.of(capsimJar, benchJar)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./bench/run (it builds both jars first)");
            }
        }
    }

    /** A timed JVM: its wall time and the largest heap in use before a collection. */
    private record Timed(double seconds, long peakHeapMb) {
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
                Runtime.getRuntime().availableProcessors(), quick ? ", quick smoke run: small sizes" : "");
        String only = stringArg(args, "--only", "abc"); // e.g. --only b: the replay alone
        if (only.contains("a")) {
            table.kernel(quick);
        }
        if (only.contains("b")) {
            table.replay(jobs);
        }
        if (only.contains("c")) {
            table.stargate(replications);
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
        rows.add(new String[] {"(a) M/M/8 kernel, " + String.format(Locale.ROOT, "%,d", events) + " events"
                + (rounds > 1 ? ", best of " + rounds : ""),
            String.format(Locale.ROOT, "bare loop %.0f ms (%.1f M events/s)", bare, events / bare / 1e3),
            String.format(Locale.ROOT, "capsim kernel %.0f ms (%.1f M events/s)", kernel, events / kernel / 1e3),
            ratio(kernel / bare, 1.5)});
    }

    // ---- (b) the replay ----

    private void replay(int jobs) throws Exception {
        Path dir = work.resolve("replay-" + jobs);
        Path scenario = Files.exists(dir.resolve("replay.yaml")) ? dir.resolve("replay.yaml") : TraceGenerator.write(dir, jobs, 5);
        double horizonHours = horizonHours(scenario);
        // Wall times on a shared machine wander by a quarter from run to run: the three programs
        // run in turn, several rounds, and each keeps its fastest round (the least disturbed).
        Timed reference = null;
        Timed plain = null;
        Timed charts = null;
        for (int round = 0; round < rounds; round++) {
            reference = faster(reference, time("reference", List.of("java", "-Xlog:gc:file=" + dir.resolve("gc-reference.log"),
                    "-cp", benchJar.toString(), ReferenceReplay.class.getName(), dir.resolve("trace.csv").toString(),
                    dir.resolve("reference-jobs.csv").toString(), Integer.toString(TraceGenerator.GPUS),
                    Double.toString(horizonHours), Double.toString(TraceGenerator.PRICE)), dir.resolve("gc-reference.log")));
            plain = faster(plain, capsim(dir, scenario, "no-charts", "-Xmx512m", "--no-charts"));
            charts = faster(charts, capsim(dir, scenario, "default", "-Xmx512m"));
        }
        String size = String.format(Locale.ROOT, "%,d jobs", jobs) + (rounds > 1 ? ", best of " + rounds : "");
        rows.add(new String[] {"(b) replay of " + size,
            String.format(Locale.ROOT, "reference %.2f s (%,.0f jobs/s)", reference.seconds(), jobs / reference.seconds()),
            String.format(Locale.ROOT, "capsim --no-charts %.2f s (%,.0f jobs/s)", plain.seconds(), jobs / plain.seconds()),
            ratio(plain.seconds() / reference.seconds(), 2.0)});
        rows.add(new String[] {"    the same, with charts and index.html", "",
            String.format(Locale.ROOT, "capsim %.2f s", charts.seconds()), ratio(charts.seconds() / reference.seconds(), 2.0)});
        rows.add(new String[] {"(d) peak heap of (b)", "reference " + reference.peakHeapMb() + " MB",
            "capsim " + plain.peakHeapMb() + " MB (with charts " + charts.peakHeapMb() + " MB)", "limit 512 MB"});
    }

    private static Timed faster(Timed best, Timed next) {
        return best == null || next.seconds() < best.seconds() ? next : best;
    }

    /** capsim as a planner runs it: the ./capsim launcher (with its JVM defaults), the heap limit given. */
    private Timed capsim(Path dir, Path scenario, String name, String heap, String... extra) throws Exception {
        Path gc = dir.resolve("gc-capsim-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(root.resolve("capsim").toString(), "run", scenario.toString(),
                "--quiet", "--out", dir.resolve("capsim-" + name).toString()));
        command.addAll(List.of(extra));
        return time("capsim " + name, command, gc, heap + " -Xlog:gc:file=" + gc);
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
            runs[threads - 1] = time("stargate " + threads, List.of(root.resolve("capsim").toString(), "run",
                    root.resolve("scenarios/stargate-2025.yaml").toString(), "--replications", Integer.toString(replications),
                    "--threads", Integer.toString(threads), "--no-charts", "--quiet", "--out",
                    work.resolve("stargate-" + threads).toString()), gc, "-Xlog:gc:file=" + gc);
        }
        rows.add(new String[] {"(c) stargate-2025, " + replications + " replications",
            String.format(Locale.ROOT, "1 thread %.1f s", runs[0].seconds()),
            String.format(Locale.ROOT, "2 threads %.1f s", runs[1].seconds()),
            String.format(Locale.ROOT, "speed-up %.2fx (target >= 1.7x)", runs[0].seconds() / runs[1].seconds())});
        rows.add(new String[] {"(d) peak heap of (c)", "1 thread " + runs[0].peakHeapMb() + " MB",
            "2 threads " + runs[1].peakHeapMb() + " MB", ""});
    }

    // ---- helpers ----

    private Timed time(String what, List<String> command, Path gcLog) throws Exception {
        return time(what, command, gcLog, null);
    }

    /** Runs a command as its own process and times it; {@code javaOptions} go to the launcher's JVM. */
    private Timed time(String what, List<String> command, Path gcLog, String javaOptions) throws Exception {
        System.out.println("running " + what + " ...");
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(what.replace(' ', '-') + ".out").toFile());
        if (javaOptions != null) {
            builder.environment().put("CAPSIM_JAVA_OPTS", javaOptions);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed; see " + work.resolve(what.replace(' ', '-') + ".out"));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = HEAP.matcher(line);
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return new Timed(seconds, peak);
    }

    private static String ratio(double ratio, double target) {
        return String.format(Locale.ROOT, "%.2fx (target <= %.1fx)%s", ratio, target, ratio <= target ? "" : "  MISSED");
    }

    private void print() {
        System.out.println();
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "%-46s %-36s %-46s %s%n", (Object[]) row);
        }
    }
}
