package org.capsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.capsim.experiment.Morris;
import org.capsim.experiment.PointArms;
import org.capsim.experiment.Sensitivity;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.metrics.ReplicationMetrics;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.ChartReport;
import org.capsim.report.ReportFormatException;
import org.capsim.report.Provenance;
import org.capsim.report.SensitivityFiles;
import org.capsim.report.SummaryTable;
import org.capsim.report.chart.Figures;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Problem;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioDigest;
import org.capsim.scenario.ScenarioException;
import org.capsim.scenario.ScenarioLoader;
import org.capsim.scenario.Variation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim sensitivity}: which assumption moves the answer most (SPEC 6.4). */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Vary scenario keys one at a time and rank them by how much they move each metric.",
            "",
            "Runs the base scenario and, for each --vary key, the scenario with that key at",
            "its LOW and at its HIGH value (the others at base), all on the same replications",
            "(common random numbers): each varied run is compared with the base replication",
            "by replication, so a key that cannot move a metric shows a difference of exactly 0.",
            "",
            "  sensitivity.csv   key, low, high, metric, base_mean, low_mean, high_mean,",
            "                    low_delta, low_delta_ci95, high_delta, high_delta_ci95",
            "  summary.json      the same rows under \"sensitivity\"",
            "  charts/           a tornado chart per metric (tornado-<metric>.png and .svg)",
            "  index.html        the charts and tables: open it in a browser"},
        footer = {"", "Examples:",
            "  capsim sensitivity scenarios/stargate-2025.yaml \\",
            "      --vary routing.rofr.response-days=3,14 \\",
            "      --vary demand[0].flops-growth-per-year=-20%%,+20%%",
            "  capsim sensitivity scenarios/mmc-check.yaml --vary demand[0].arrivals-per-hour=-10%%,+10%% \\",
            "      --metric wait_h_mean --replications 20",
            "", "Exit status: 0 success, 2 bad input, 1 internal error."})
final class SensitivityCommand implements Callable<Integer> {

    /** More trajectories than this is a typo: screening is for a first, cheap look. */
    static final int MAX_TRAJECTORIES = 1000;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), e.g. scenarios/stargate-2025.yaml.")
    String scenarioFile;

    @Option(names = "--vary", paramLabel = "KEY=LOW,HIGH", required = true,
            description = "A key to vary (repeatable): its path as --set takes it, and two values, each a value "
                    + "or a percentage of the scenario's own number (rounded to whole numbers on GPU counts, "
                    + "priority, seed and replications), e.g. routing.rofr.response-days=3,14 or "
                    + "demand[0].flops-growth-per-year=-20%%,+20%%.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "M",
            description = "A fleet metric of summary.json to rank the keys by (repeatable; default: wait_h_mean, "
                    + "unserved_share where the scenario limits demand, spend_usd, utilization).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--morris", paramLabel = "R",
            description = "Screen many keys instead: R trajectories of elementary effects (Morris) over "
                    + "each key's LOW..HIGH (numbers), R (k + 1) runs for k keys; ranks the keys by mu*, writes "
                    + "morris.csv and summary.json \"morris\". R from 2; 10 is usual.")
    Integer morris;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Routing policy instead of the scenario's routing (as for capsim run).")
    String policy;

    @Option(names = "--replications", paramLabel = "N", description = "Replications of every run (default: the scenario's).")
    Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: the scenario's).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/<scenario name>-sensitivity).")
    Path outDir;

    @Option(names = "--threads", paramLabel = "T", description = "Replications run in parallel (default: the machine's cores).")
    Integer threads;

    @Option(names = "--fresh", description = "Start over: do not resume an interrupted run of the same study to this "
            + "--out (rerunning the same command resumes it, with any --replications).")
    boolean fresh;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--no-charts", description = "Skip the tornado charts (index.html still shows the tables).")
    boolean noCharts;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        check();
        PolicyRegistry registry = common.registry();
        List<Variation> keys = variations();
        List<String> policies = policy == null ? List.of() : List.of(policy);
        Morris.Design design = morris == null ? null : design(keys, registry, policies);
        List<List<Assignment>> points = design != null ? design.points() : Sensitivity.points(keys);
        List<ScenarioFiles.Point> loaded = ScenarioFiles.loadEach(scenarioFile, registry, policies, points);
        Scenario base = loaded.get(0).scenario();
        List<String> chosen = metrics(base);
        StudyPlan plan = ArmsStudy.plan(loaded.stream().map(ScenarioFiles.Point::scenario).toList(), points, registry,
                policy, new SweepPoint.Asked(replications, seed, threads, 0.0));
        Path target = outDir != null ? outDir : Path.of("reports", base.name() + "-sensitivity");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepPoint first = plan.first();
        if (!quiet) {
            int n = first.options().replications();
            err.printf(Locale.ROOT, "capsim sensitivity %s: %d key%s, %d runs (%s) of %d replication%s, policy %s, "
                    + "seed %d, %s%n", base.name(), keys.size(), keys.size() == 1 ? "" : "s",
                    plan.points().size(), design != null ? morris + " trajectories of " + (keys.size() + 1)
                            : "base, each key low and high", n, n == 1 ? "" : "s", first.labels().get(0), first.options().seed(),
                    StudyPrinter.where(first.options().threads(), null));
            err.flush();
        }
        Sensitivity[] study = new Sensitivity[1];
        Morris[] screening = new Morris[1];
        RunOrigin origin = new RunOrigin(spec.commandLine().getParseResult().originalArgs());
        String scenarioText = StudyRunner.scenarioText(scenarioFile);
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("scenario", ScenarioDigest.of(scenarioText, plan.points().stream().map(SweepPoint::scenario).toList(),
                origin::fileHash));
        identity.put("--vary", String.join(" ", vary));
        identity.put("--morris", design == null ? "none" : Integer.toString(morris));
        ArmsStudy.Outcome outcome = ArmsStudy.run(plan, target, quiet ? null : err, common.debug,
                StudyManifest.study("sensitivity", identity, plan), fresh, (dir, results) -> {
            Provenance provenance = origin.provenance(base, scenarioText);
            SensitivityFiles.Document document;
            if (design != null) {
                screening[0] = Morris.of(keys, design, results.stream().map(r -> r.summaries().get(0)).toList(), chosen);
                document = new SensitivityFiles.Document(provenance, base.name(), base.description(), first.labels().get(0),
                        first.options().seed(), first.options().replications(), SensitivityFiles.MORRIS_METHOD, List.of(),
                        morris, screening[0].effects());
            } else {
                study[0] = Sensitivity.of(keys, PointArms.of(results, Sensitivity.labels(keys)), chosen);
                document = new SensitivityFiles.Document(provenance, base.name(), base.description(), first.labels().get(0),
                        first.options().seed(), first.options().replications(), SensitivityFiles.METHOD, study[0].rows(),
                        null, null);
            }
            SensitivityFiles.write(dir, document);
            try {
                ChartReport.write(dir, Figures.CapacityUnit.GPUS, !noCharts);
            } catch (ReportFormatException e) {
                throw new InternalFailure("cannot read back the study just written: " + e.getMessage(), e);
            }
        });
        if (!quiet) {
            if (screening[0] != null) {
                printScreening(out, screening[0]);
            } else {
                print(out, study[0]);
            }
            int runs = outcome.results().size();
            int each = outcome.results().get(0).replications();
            out.printf(Locale.ROOT, "%d runs of %d replication%s in %.1f s. Report: %s%n", runs, each,
                    each == 1 ? "" : "s", outcome.seconds(), StudyPrinter.displayPath(target));
            out.printf(Locale.ROOT, "Open %sindex.html in a browser.%n", StudyPrinter.displayPath(target));
            out.flush();
        }
        return Main.OK;
    }

    /** A screening's design: numeric keys only, drawn from the seed (given, or the scenario's). */
    private Morris.Design design(List<Variation> keys, PolicyRegistry registry, List<String> policies) {
        List<String> problems = new ArrayList<>();
        if (morris < 2 || morris > MAX_TRAJECTORIES) {
            problems.add("--morris: must be from 2 to " + MAX_TRAJECTORIES + " trajectories, got " + morris);
        }
        for (Variation key : keys) {
            if (!Morris.numeric(key.low()) || !Morris.numeric(key.high())) {
                problems.add(key.label() + ": " + key.path() + ": --morris takes levels between LOW and HIGH, so both "
                        + "must be numbers, got " + key.low() + " and " + key.high());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        long designSeed = seed != null ? seed
                : ScenarioFiles.loadEach(scenarioFile, registry, policies, List.of(List.of())).get(0).scenario().seed();
        return Morris.design(keys, morris, designSeed);
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        if (replications != null && (replications < 1 || replications > ScenarioLoader.MAX_REPLICATIONS)) {
            problems.add("--replications: must be from 1 to " + ScenarioLoader.MAX_REPLICATIONS + ", got " + replications);
        }
        if (threads != null && (threads < 1 || threads > ExperimentOptions.MAX_THREADS)) {
            problems.add("--threads: must be from 1 to " + ExperimentOptions.MAX_THREADS + ", got " + threads);
        }
        if (outDir != null && outDir.toString().isBlank()) {
            problems.add("--out: the folder name is empty");
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private List<Variation> variations() {
        try {
            return Variation.parse(Path.of(scenarioFile), scenarioFile, vary);
        } catch (ScenarioException e) {
            List<String> lines = new ArrayList<>(e.problems().stream().map(Problem::toString).toList());
            throw new BadInputException(lines);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(scenarioFile + ": not a valid file name");
        }
    }

    /** The metrics asked for, each one the base scenario reports; or the defaults it reports. */
    private List<String> metrics(Scenario base) {
        Set<String> known = new LinkedHashSet<>(ReplicationMetrics.FLEET_METRICS);
        if (!base.limitsDemand()) {
            known.removeAll(ReplicationMetrics.DEMAND_METRICS);
        }
        if (!base.reportsPower()) {
            known.removeAll(ReplicationMetrics.POWER_METRICS);
        }
        if (metrics.isEmpty()) {
            return Sensitivity.DEFAULT_METRICS.stream().filter(known::contains).toList();
        }
        List<String> problems = new ArrayList<>();
        Set<String> chosen = new LinkedHashSet<>();
        for (String metric : metrics) {
            String m = metric.trim();
            if (!known.contains(m)) {
                problems.add("--metric " + metric + ": " + (ReplicationMetrics.FLEET_METRICS.contains(m)
                        ? "this scenario does not report it (it needs " + (ReplicationMetrics.DEMAND_METRICS.contains(m)
                                ? "a class with patience, a budget or elastic runs)" : "power keys)")
                        : "not a fleet metric; known: " + String.join(", ", known.stream().sorted().toList())));
            } else if (!chosen.add(m)) {
                problems.add("--metric " + metric + ": given twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return List.copyOf(chosen);
    }

    /** Per metric, the keys by mu*. */
    private static void printScreening(PrintWriter out, Morris screening) {
        out.println();
        for (String metric : screening.metrics()) {
            List<Morris.Effect> ranked = screening.ranked(metric);
            SummaryTable.Unit unit = SummaryTable.screeningUnit(metric, ranked);
            out.printf(Locale.ROOT, "%s%s: elementary effects over %d trajectories (per range of the key)%n", metric,
                    inUnit(unit), screening.trajectories());
            out.printf(Locale.ROOT, "  %-48s %12s %12s %12s%n", "key", "mu*", "mu", "sigma");
            for (Morris.Effect e : ranked) {
                out.printf(Locale.ROOT, "  %-48s %12s %12s %12s%n", e.key(), SummaryTable.number(e.muStar() * unit.scale()),
                        SummaryTable.number(e.mu() * unit.scale()), SummaryTable.number(e.sigma() * unit.scale()));
            }
            out.println();
        }
    }

    /** Per metric, the keys from the one that moves it most. */
    private static void print(PrintWriter out, Sensitivity study) {
        out.println();
        for (String metric : study.metrics()) {
            List<Sensitivity.Row> ranked = study.ranked(metric);
            double base = ranked.isEmpty() ? Double.NaN : ranked.get(0).baseMean();
            SummaryTable.Unit unit = SummaryTable.sensitivityUnit(metric, ranked);
            out.printf(Locale.ROOT, "%s%s (base %s): Δ against base, ± 95%% half width%n", metric, inUnit(unit),
                    ranked.isEmpty() ? "n/a" : SummaryTable.number(base * unit.scale()));
            for (Sensitivity.Row r : ranked) {
                out.printf(Locale.ROOT, "  %-48s %12s -> %-20s %12s -> %s%n", r.key(), r.low(),
                        delta(r.lowDelta(), r.lowDeltaCi95(), unit), r.high(),
                        delta(r.highDelta(), r.highDeltaCi95(), unit));
            }
            out.println();
        }
    }

    private static String inUnit(SummaryTable.Unit unit) {
        return unit.name().isEmpty() ? "" : ", in " + unit.name();
    }

    private static String delta(double mean, double ci95, SummaryTable.Unit unit) {
        return Double.isFinite(mean) ? SummaryTable.number(mean * unit.scale()) + " ± " + SummaryTable.number(ci95 * unit.scale())
                : "n/a";
    }
}
