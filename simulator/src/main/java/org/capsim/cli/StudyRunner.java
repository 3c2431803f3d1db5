package org.capsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.capsim.engine.SimulationFailure;
import org.capsim.replication.Deal;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.Precision;
import org.capsim.replication.Replication;
import org.capsim.record.ReplicationRecorder;
import org.capsim.experiment.RunOptions;
import org.capsim.experiment.Study;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;
import org.capsim.policy.PolicyException;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.ChartReport;
import org.capsim.report.data.ReportData;
import org.capsim.report.ComparisonTable;
import org.capsim.report.Num;
import org.capsim.report.ReportFolder;
import org.capsim.report.ReportFormatException;
import org.capsim.report.ReportWriter;
import org.capsim.report.SummaryJson;
import org.capsim.report.SummaryTable;
import org.capsim.report.SweepCsv;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioLoader;

/**
 * What {@code run} and {@code compare} do: load and check every point of a sweep before anything
 * runs, run each point's policies on common random numbers (in batches with {@code --target-ci}),
 * write one report folder (a report per point and sweep.csv for a sweep), then print the summary.
 */
final class StudyRunner {

    /** One point of a sweep (the only point without {@code --set}): its scenario, deals and options. */
    private record Point(int number, List<Assignment> assignments, Scenario scenario, List<Deal> deals,
            RunOptions options) {

        Map<String, String> overrides() {
            Map<String, String> out = new LinkedHashMap<>();
            assignments.forEach(a -> out.put(a.path(), a.value()));
            return out;
        }
    }

    /** A finished point, for the sweep table. */
    private record Finished(int number, Map<String, String> overrides, List<String> policies, List<Summary> summaries,
            Comparison comparison, int replications, Precision.Outcome precision, long events) {

        SweepCsv.Point row() {
            return new SweepCsv.Point(number, overrides, policies, summaries);
        }
    }

    private final String command;
    private final String scenarioFile;
    private final ExperimentOptions options;
    private final CommonOptions common;
    /** The policies the command line chose (one for --policy, several for compare), or empty for the scenario's deal. */
    private final List<String> policies;
    private final PrintWriter out;
    private final PrintWriter err;
    /** The report folder, once chosen. */
    private Path target;
    /** Per report folder, its charts' data as gathered during the run (taken by the charts step). */
    private final Map<Path, ReportData> chartData = new java.util.HashMap<>();

    StudyRunner(String command, String scenarioFile, ExperimentOptions options, CommonOptions common,
            List<String> policies, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.scenarioFile = scenarioFile;
        this.options = options;
        this.common = common;
        this.policies = List.copyOf(policies);
        this.out = out;
        this.err = err;
    }

    int execute() {
        options.check();
        PolicyRegistry registry = common.registry();
        List<Point> points = points(registry);
        Point first = points.get(0);
        boolean sweep = !options.set.isEmpty();
        boolean comparing = first.deals().size() > 1;
        if (options.verify) {
            verify(first);
        }
        target = options.outDir != null ? options.outDir
                : Path.of("reports", first.scenario().name() + (comparing ? "-compare" : "") + (sweep ? "-sweep" : ""));
        ReportFolder folder = createFolder(target);
        Precision precision = options.precision();
        int threads = first.options().threads();
        if (!options.quiet) {
            first.scenario().notes().forEach(note -> err.println("note: " + note));
            announce(points, precision, threads);
        }
        String scenarioText = readScenarioText();
        ProgressDisplay progress = options.quiet ? null
                : ProgressDisplay.start(err, totalTasks(points, precision), first.scenario().endHours(),
                        first.scenario().calendar());
        long started = System.nanoTime();
        double chartSeconds = 0;
        List<Finished> finished = new ArrayList<>();
        try (folder) {
            for (Point point : points) {
                Path dir = sweep ? folder.dir().resolve(SweepCsv.pointFolder(point.number(), points.size())) : folder.dir();
                if (progress != null) {
                    progress.point(point.number(), points.size(), point.scenario().calendar(), point.scenario().endHours());
                }
                finished.add(runPoint(point, dir, precision, progress, sweep ? header(point) + scenarioText : scenarioText));
            }
            if (sweep) {
                SweepCsv.write(folder.dir().resolve("sweep.csv"), axisPaths(points),
                        finished.stream().map(Finished::row).toList());
            }
            if (progress != null) {
                progress.end();
                progress = null;
            }
            chartSeconds = drawCharts(folder.dir());
            folder.commit();
        } catch (IOException e) {
            throw cannotWrite(IoMessages.describe(e), e);
        } finally {
            if (progress != null) {
                progress.end();
            }
        }
        if (!options.quiet) {
            printEnd(finished, sweep, target, (System.nanoTime() - started) / 1e9, chartSeconds);
        }
        return Main.OK;
    }

    // ---- before running: every point loaded and checked ----

    private List<Point> points(PolicyRegistry registry) {
        List<ScenarioFiles.Point> loaded = ScenarioFiles.loadPoints(scenarioFile, registry, policies, options.set);
        Set<String> problems = new LinkedHashSet<>();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            points.add(point(i + 1, loaded.get(i).assignments(), loaded.get(i).scenario(), registry, problems));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(List.copyOf(problems));
        }
        return points;
    }

    private Point point(int number, List<Assignment> assignments, Scenario scenario, PolicyRegistry registry,
            Set<String> problems) {
        List<Deal> deals = policies.isEmpty() ? List.of(Deal.of(scenario, registry))
                : policies.stream().map(name -> Deal.of(registry.find(name))).toList();
        RunOptions run = new RunOptions(
                options.replications != null ? options.replications : scenario.replications(),
                options.seed != null ? options.seed : scenario.seed(),
                options.threads != null ? options.threads : Runtime.getRuntime().availableProcessors(),
                options.sampleHours != null ? options.sampleHours : scenario.sampleHours());
        ScenarioLoader.sampleGridProblem(scenario.endHours(), run.sampleHours()).ifPresent(message -> problems.add(
                String.format(Locale.ROOT, "--sample-hours: %.3g ", run.sampleHours()) + message));
        return new Point(number, assignments, scenario, deals, run);
    }

    private static ReportFolder createFolder(Path target) {
        try {
            return ReportFolder.create(target);
        } catch (ReportFolder.UnusableTarget e) {
            throw new BadInputException("--out: " + e.getMessage());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new BadInputException("--out: cannot create the report folder " + target + ": " + IoMessages.describe(e));
        }
    }

    private String readScenarioText() {
        try {
            return Files.readString(Path.of(scenarioFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(scenarioFile + ": cannot read the file: " + IoMessages.describe(e));
        }
    }

    /** What a sweep point's scenario.yaml starts with: the values it was run with. */
    private String header(Point point) {
        StringBuilder text = new StringBuilder("# capsim sweep point " + point.number() + ": this scenario was run with");
        point.assignments().forEach(a -> text.append(' ').append(a.label()));
        return text.append('\n').toString();
    }

    private static List<String> axisPaths(List<Point> points) {
        return points.get(0).assignments().stream().map(Assignment::path).toList();
    }

    private static int totalTasks(List<Point> points, Precision precision) {
        return points.stream().mapToInt(p -> firstBatch(p, precision) * p.deals().size()).sum();
    }

    /** Replications a point starts with: all of them, or the first batch under --target-ci. */
    private static int firstBatch(Point point, Precision precision) {
        int asked = point.options().replications();
        return precision == null ? asked : precision.initial(asked);
    }

    private void announce(List<Point> points, Precision precision, int threads) {
        Point first = points.get(0);
        String labels = String.join(", ", first.deals().stream().map(Deal::label).toList());
        int n = firstBatch(first, precision);
        String replications = precision == null ? n + " replication" + (n == 1 ? "" : "s")
                : String.format(Locale.ROOT, "replications until the mean wait is within %s%% (from %d, at most %d)",
                        Num.format(precision.target() * 100), n, precision.maxReplications());
        err.printf(Locale.ROOT, "capsim %s %s: %s %s, %s, seed %d, %d thread%s%s%n", command, first.scenario().name(),
                first.deals().size() == 1 ? "policy" : "policies", labels, replications, first.options().seed(), threads,
                threads == 1 ? "" : "s", points.size() > 1 ? ", " + points.size() + " sweep points" : "");
        err.flush();
    }

    // ---- running ----

    private Finished runPoint(Point point, Path dir, Precision precision, ProgressDisplay progress, String scenarioText)
            throws IOException {
        List<String> labels = point.deals().stream().map(Deal::label).toList();
        try (ReportWriter writer = new ReportWriter(dir, point.scenario(), labels, point.options().sampleHours(),
                !options.noCharts, spareCoreForRows(point, precision))) {
            Study.Outcome outcome = simulate(point, writer, precision, progress);
            List<Summary> summaries = outcome.results().stream().map(Summary::of).toList();
            Comparison comparison = labels.size() > 1 ? Comparison.of(labels, outcome.results()) : null;
            SummaryJson.Report report = new SummaryJson.Report(point.options().seed(), labels, summaries, comparison,
                    outcome.precision(), point.overrides());
            writer.finish(outcome.replications(), report, scenarioText);
            try {
                ReportData charts = writer.chartData();
                if (charts != null) {
                    chartData.put(dir, charts);
                }
            } catch (ReportFormatException e) {
                throw new InternalFailure("the report's data does not match its summary: " + e.getMessage(), e);
            }
            long events = outcome.results().stream().flatMap(List::stream).mapToLong(ReplicationResult::events).sum();
            return new Finished(point.number(), report.overrides(), labels, summaries, comparison, outcome.replications(),
                    outcome.precision(), events);
        }
    }

    /**
     * Whether every replication running at once can have a second thread, out of the --threads
     * budget, to make its rows into text: a run of fewer replications than half its threads (one
     * large replay on two cores, the common case). Runs until a precision is reached add
     * replications as they go, so they keep to one thread each.
     */
    private static boolean spareCoreForRows(Point point, Precision precision) {
        long tasks = (long) point.options().replications() * point.deals().size();
        return precision == null && 2 * tasks <= point.options().threads();
    }

    private Study.Outcome simulate(Point point, ReportWriter writer, Precision precision, ProgressDisplay progress) {
        return guarded(point, () -> Study.run(point.scenario(), point.deals(), point.options(), precision,
                writer.recorders(), progress == null ? Experiment.Progress.NONE : progress,
                progress == null ? Study.Growth.NONE : replications -> progress.extend(replications * point.deals().size())));
    }

    /**
     * Runs simulation work, turning its failures into messages: a planner's policy that throws is
     * their bad input (exit 2), a built-in one or an I/O failure is ours (exit 1).
     */
    private <T> T guarded(Point point, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (SimulationFailure failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof PolicyException policyFailure) {
                String message = "capsim: " + policyFailure.getMessage() + " (at simulation hour "
                        + Num.format(failure.time()) + ")";
                PolicyRegistry.Entry entry = point.deals().stream().map(d -> d.entry(policyFailure.policy()))
                        .filter(e -> e != null).findFirst().orElse(null);
                if (entry == null || !entry.builtIn()) {
                    throw new BadInputException(message + (common.debug ? "" : " (--debug shows where)"),
                            policyFailure); // the planner's class: their input
                }
                throw new InternalFailure(message, policyFailure);
            }
            if (cause instanceof UncheckedIOException io) {
                throw cannotWrite(io.getCause().getMessage(), failure);
            }
            throw failure;
        } catch (UncheckedIOException io) {
            throw cannotWrite(io.getCause().getMessage(), io);
        }
    }

    /**
     * --verify: replication 1 of each policy of the first point, simulated twice (side by side
     * when there are threads for it, so thread scheduling is part of what is checked), must
     * execute the same event sequence. A difference means something outside the seeds steers
     * the model: a bug of ours, or, when the deal has a planner's policy, most likely that policy.
     */
    private void verify(Point point) {
        for (Deal deal : point.deals()) {
            long started = System.nanoTime();
            ReplicationResult[] runs = guarded(point, () -> twice(point, deal));
            ReplicationResult a = runs[0];
            ReplicationResult b = runs[1];
            if (a.digest() != b.digest() || a.events() != b.events()) {
                String what = String.format(Locale.ROOT, "--verify: replication 1 of %s ran twice with different event "
                        + "sequences (%,d events, hash %016x; then %,d events, hash %016x)", deal.label(), a.events(),
                        a.digest(), b.events(), b.digest());
                List<String> external = deal.phases().stream().map(Deal.Phase::policy).filter(e -> !e.builtIn())
                        .map(PolicyRegistry.Entry::name).toList();
                if (!external.isEmpty()) {
                    throw new BadInputException(what + ": the policy " + String.join(", ", external)
                            + " is not deterministic (use the job's and fleet's data only: no unseeded random numbers, "
                            + "no wall clock, no iteration over unordered sets)");
                }
                throw new InternalFailure(what + ": capsim is not deterministic here, please report it", null);
            }
            if (!options.quiet) {
                err.printf(Locale.ROOT, "verify: replication 1 of %s ran twice: the same %,d events (hash %016x), %.1f s%n",
                        deal.label(), a.events(), a.digest(), (System.nanoTime() - started) / 1e9);
                err.flush();
            }
        }
    }

    private static ReplicationResult[] twice(Point point, Deal deal) {
        java.util.function.Supplier<ReplicationResult> once = () -> Replication.run(point.scenario(), deal, 1,
                point.options().seed(), point.options().sampleHours(), ReplicationRecorder.NONE);
        if (point.options().threads() < 2) {
            return new ReplicationResult[] {once.get(), once.get()};
        }
        java.util.concurrent.CompletableFuture<ReplicationResult> other =
                java.util.concurrent.CompletableFuture.supplyAsync(once);
        ReplicationResult first = once.get();
        try {
            return new ReplicationResult[] {first, other.join()};
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** The disk or file system failed us: say so, and that nothing was replaced. */
    private WriteFailure cannotWrite(String reason, Throwable cause) {
        return new WriteFailure("cannot write the report" + (target == null ? "" : " in " + displayPath(target)) + ": "
                + reason + " (the previous report, if any, is unchanged)", cause);
    }

    /** Charts and index.html of every report in the folder; returns the seconds it took. */
    private double drawCharts(Path dir) throws IOException {
        long t = System.nanoTime();
        if (!options.quiet) {
            err.println(options.noCharts ? "writing index.html (charts skipped: --no-charts)" : "drawing charts and index.html");
            err.flush();
        }
        try {
            ChartReport.write(dir, options.chart.unit(), !options.noCharts, chartData::remove);
        } catch (ReportFormatException e) {
            throw new InternalFailure("cannot read back the report just written: " + e.getMessage(), e);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    // ---- after ----

    private void printEnd(List<Finished> finished, boolean sweep, Path target, double seconds, double chartSeconds) {
        out.println();
        if (sweep) {
            SweepCsv.printTable(out, finished.stream().map(Finished::row).toList());
        } else {
            Finished only = finished.get(0);
            if (only.policies().size() > 1) {
                ComparisonTable.print(out, only.policies(), only.summaries(), only.comparison());
            } else {
                SummaryTable.print(out, only.summaries().get(0));
            }
        }
        out.println();
        for (Finished f : finished) {
            if (f.precision() != null) {
                Precision.Outcome p = f.precision();
                out.printf(Locale.ROOT, "%s%s after %d replications: half width of the mean wait %s of the mean (target %s)%n",
                        sweep ? "point " + f.number() + ": " : "", p.met() ? "precision met" : "precision NOT met",
                        f.replications(), Double.isNaN(p.reached()) ? "undefined" : percent(p.reached()), percent(p.target()));
            }
        }
        int replications = finished.stream().mapToInt(f -> f.replications() * f.policies().size()).sum();
        long events = finished.stream().mapToLong(Finished::events).sum();
        out.printf(Locale.ROOT, "%d replication%s in %.1f s (%,d events; charts and page %.1f s). Report: %s%n",
                replications, replications == 1 ? "" : "s", seconds, events, chartSeconds, displayPath(target));
        out.printf(Locale.ROOT, "Open %sindex.html in a browser.%n", displayPath(target));
        out.flush();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String displayPath(Path target) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) + "/" : absolute + "/";
    }
}
