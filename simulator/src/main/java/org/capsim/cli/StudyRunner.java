package org.capsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;

import org.capsim.experiment.Determinism;
import org.capsim.experiment.PointResult;
import org.capsim.experiment.ReplicationRunner;
import org.capsim.experiment.StudyFailure;
import org.capsim.experiment.StudyListener;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.StudyRecipe;
import org.capsim.experiment.SweepPoint;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.ChartReport;
import org.capsim.report.ReportFolder;
import org.capsim.report.ReportFormatException;
import org.capsim.report.SweepCsv;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.ScenarioLoader;

/**
 * What {@code run} and {@code compare} do on the command line: plan the study from the options
 * (every sweep point loaded and checked before anything runs), run it into one report folder (a
 * report per point and sweep.csv for a sweep), draw the charts, then print the summary. The study
 * itself is {@link StudyPlan}; its failures become exit statuses through {@link StudyFailures}.
 */
final class StudyRunner {

    private final String command;
    private final String scenarioFile;
    private final ExperimentOptions options;
    private final CommonOptions common;
    /** The policies the command line chose (one for --policy, several for compare), or empty for the scenario's deal. */
    private final List<String> policies;
    private final StudyPrinter printer;
    private final PrintWriter err;
    /** What each report's provenance says of the run. */
    private final RunOrigin origin;
    /** The report folder, once chosen. */
    private Path target;

    StudyRunner(String command, String scenarioFile, ExperimentOptions options, CommonOptions common,
            List<String> policies, List<String> args, PrintWriter out, PrintWriter err) {
        this.origin = new RunOrigin(args);
        this.command = command;
        this.scenarioFile = scenarioFile;
        this.options = options;
        this.common = common;
        this.policies = List.copyOf(policies);
        this.printer = new StudyPrinter(out, err);
        this.err = err;
    }

    int execute() {
        try {
            return study();
        } catch (StudyFailure failure) {
            throw StudyFailures.toExit(failure, common.debug, target);
        }
    }

    private int study() {
        options.check();
        StudyPlan plan = plan(common.registry());
        if (options.verify) {
            Determinism.verify(plan.first(), options.quiet ? (deal, result, seconds) -> { } : printer::verified);
        }
        try (ReplicationRunner runner = runner(plan)) {
            return study(plan, runner);
        }
    }

    private int study(StudyPlan plan, ReplicationRunner runner) {
        SweepPoint first = plan.first();
        // a --set of one value each is a run with those keys set; several values make a sweep
        boolean sweep = plan.points().size() > 1;
        boolean comparing = first.deals().size() > 1;
        target = options.outDir != null ? options.outDir
                : Path.of("reports", first.scenario().name() + (comparing ? "-compare" : "") + (sweep ? "-sweep" : ""));
        String scenarioText = readScenarioText();
        ReportFolder folder = createFolder(target, StudyManifest.of(command, scenarioText, options, plan, origin),
                StudyManifest.mayChange(plan), options.fresh);
        if (!options.quiet) {
            printer.announce(command, plan, options.spark);
        }
        ReportPoints reports = new ReportPoints(folder.dir(), plan.points().size(), sweep, !options.noCharts,
                scenarioText, origin, folder.resumeDir(),
                plan.precision() == null ? first.options().replications() : Integer.MAX_VALUE);
        int resumed = reports.resumed(plan);
        if (resumed > 0 && !options.quiet) {
            // under --target-ci the total is not known before the batches end
            err.println("resumed " + resumed + (plan.precision() == null ? " of " + plan.firstTasks() : "")
                    + " replications from " + folder.dir());
        }
        ProgressDisplay progress = options.quiet ? null
                : ProgressDisplay.start(err, plan.firstTasks(), first.scenario().endHours(), first.scenario().calendar());
        long started = System.nanoTime();
        double chartSeconds = 0;
        List<PointResult> results;
        try (folder) {
            results = plan.run(reports, progress == null ? StudyListener.NONE : progress, runner);
            if (sweep) {
                SweepCsv.write(folder.dir().resolve("sweep.csv"), axisPaths(plan), StudyPrinter.rows(results));
            }
            if (progress != null) {
                progress.end();
                progress = null;
            }
            chartSeconds = drawCharts(folder.dir(), reports);
            folder.commit();
        } catch (IOException e) {
            throw StudyFailures.cannotWrite(IoMessages.describe(e), e, target);
        } finally {
            if (progress != null) {
                progress.end();
            }
        }
        if (!options.quiet) {
            printer.end(results, sweep, target, (System.nanoTime() - started) / 1e9, chartSeconds);
        }
        return Main.OK;
    }

    /**
     * Where the replications run: this JVM's threads, or with {@code --spark} the Spark runner of
     * the capsim-spark jar (found on the class path, so the simulator does not depend on Spark),
     * connected before the report folder is made: a bad master leaves no folder.
     */
    private ReplicationRunner runner(StudyPlan plan) {
        if (options.spark == null) {
            return ReplicationRunner.THREADS;
        }
        ReplicationRunner.Remote remote = ServiceLoader.load(ReplicationRunner.Remote.class).stream()
                .map(ServiceLoader.Provider::get).filter(r -> r.option().equals("--spark")).findFirst()
                .orElseThrow(() -> new BadInputException("--spark needs the capsim-spark jar on the class path: the "
                        + "./capsim launcher builds and adds it (mvn -pl spark -am package)"));
        // absolute paths: an executor's working folder is not this one
        StudyRecipe recipe = new StudyRecipe(Path.of(scenarioFile).toAbsolutePath().toString(), policies, options.set,
                absolute(common.classpath), options.replications, options.seed, options.threads, options.sampleHours);
        try {
            return remote.open(options.spark, recipe, inputs(recipe, plan), common.debug);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--spark: " + e.getMessage());
        }
    }

    /** What the executors read: the scenario, every point's trace and data files, the policy jars. */
    private static List<Path> inputs(StudyRecipe recipe, StudyPlan plan) {
        java.util.Set<Path> inputs = new java.util.LinkedHashSet<>();
        inputs.add(Path.of(recipe.scenarioFile()));
        plan.points().forEach(point -> point.scenario().dataFiles()
                .forEach(file -> inputs.add(file.path().toAbsolutePath().normalize())));
        if (recipe.classpath() != null) {
            for (String entry : recipe.classpath().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    inputs.add(Path.of(entry));
                }
            }
        }
        return List.copyOf(inputs);
    }

    private static String absolute(String classpath) {
        if (classpath == null) {
            return null;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Every point loaded and checked: the first problems found are bad input, before anything runs. */
    private StudyPlan plan(PolicyRegistry registry) {
        List<ScenarioFiles.Point> loaded = ScenarioFiles.loadPoints(scenarioFile, registry, policies, options.set);
        SweepPoint.Asked asked = new SweepPoint.Asked(options.replications, options.seed, options.threads,
                options.sampleHours);
        Set<String> problems = new LinkedHashSet<>();
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            SweepPoint point = SweepPoint.of(i + 1, loaded.get(i).assignments(), loaded.get(i).scenario(), registry,
                    policies, asked);
            double sampleHours = point.options().sampleHours();
            ScenarioLoader.sampleGridProblem(point.scenario().endHours(), sampleHours).ifPresent(message -> problems.add(
                    String.format(Locale.ROOT, "--sample-hours: %.3g ", sampleHours) + message));
            points.add(point);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(List.copyOf(problems));
        }
        return new StudyPlan(points, options.precision());
    }

    /** The report folder of {@code target}; see {@link ReportFolder#open}. */
    static ReportFolder createFolder(Path target, java.util.Map<String, String> manifest,
            java.util.Set<String> mayChange, boolean fresh) {
        try {
            return ReportFolder.open(target, manifest, mayChange, fresh);
        } catch (ReportFolder.ResumeRefused e) {
            throw new BadInputException("--out: " + StudyManifest.refusal(e));
        } catch (ReportFolder.UnusableTarget e) {
            throw new BadInputException("--out: " + e.getMessage());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new BadInputException("--out: cannot create the report folder " + target + ": " + IoMessages.describe(e));
        }
    }

    private String readScenarioText() {
        return scenarioText(scenarioFile);
    }

    /** A scenario file's text, as each report's scenario.yaml holds it. */
    static String scenarioText(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the file: " + IoMessages.describe(e));
        }
    }

    private static List<String> axisPaths(StudyPlan plan) {
        return plan.first().assignments().stream().map(Assignment::path).toList();
    }

    /** Charts and index.html of every report in the folder; returns the seconds it took. */
    private double drawCharts(Path dir, ReportPoints reports) throws IOException {
        long t = System.nanoTime();
        if (!options.quiet) {
            printer.drawing(!options.noCharts);
        }
        try {
            ChartReport.write(dir, options.chart.unit(), !options.noCharts, reports::takeChartData);
        } catch (ReportFormatException e) {
            throw new InternalFailure("cannot read back the report just written: " + e.getMessage(), e);
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
