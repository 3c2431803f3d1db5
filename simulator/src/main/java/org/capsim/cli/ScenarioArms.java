package org.capsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.capsim.experiment.PointArms;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.ChartReport;
import org.capsim.report.ComparisonTable;
import org.capsim.report.ReportFormatException;
import org.capsim.report.SummaryJson;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.ComparableScenarios;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioDigest;

/**
 * {@code capsim compare A.yaml B.yaml ...}: scenario files as the arms of one comparison (SPEC 6.4),
 * each under its own routing, all on the first file's seed and replications, with paired
 * differences against the first. The report holds summary.json (the arms as its "policies", named
 * after their scenarios, and "comparison"), index.html with the comparison's charts, and each
 * arm's own report (jobs.csv, sites.csv, summary.json, scenario.yaml) in {@code arms/<label>/}.
 */
final class ScenarioArms {

    private final List<String> files;
    private final ExperimentOptions options;
    private final CommonOptions common;
    private final PrintWriter out;
    private final PrintWriter err;

    /** The command line's words after {@code capsim}, for each arm's provenance. */
    private final List<String> args;

    ScenarioArms(List<String> files, ExperimentOptions options, CommonOptions common, List<String> args, PrintWriter out,
            PrintWriter err) {
        this.files = List.copyOf(files);
        this.args = List.copyOf(args);
        this.options = options;
        this.common = common;
        this.out = out;
        this.err = err;
    }

    int execute() {
        options.check();
        unsupported();
        PolicyRegistry registry = common.registry();
        List<Scenario> scenarios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String file : files) {
            try {
                scenarios.add(ScenarioFiles.load(file, registry, null));
            } catch (BadInputException e) {
                problems.addAll(e.messages());
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(ComparableScenarios.problems(scenarios, files));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        List<String> labels = labels(scenarios);
        Scenario first = scenarios.get(0);
        SweepPoint.Asked asked = new SweepPoint.Asked(options.replications != null ? options.replications
                : first.replications(), options.seed != null ? options.seed : first.seed(), options.threads, 0.0);
        StudyPlan plan = ArmsStudy.plan(scenarios, scenarios.stream().map(s -> List.<Assignment>of())
                .toList(), registry, null, asked);
        SweepPoint point = plan.first();
        Path target = options.outDir != null ? options.outDir
                : Path.of("reports", String.join("-vs-", scenarios.stream().map(Scenario::name).toList()));
        if (!options.quiet) {
            List<String> arms = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                arms.add(labels.get(i) + " (" + plan.points().get(i).labels().get(0) + ")");
            }
            err.printf(Locale.ROOT, "capsim compare: scenarios %s, %d replications each, seed %d (common random numbers), "
                    + "%s%n", String.join(", ", arms), point.options().replications(), point.options().seed(),
                    StudyPrinter.where(point.options().threads(), null));
            err.flush();
        }
        PointArms[] arms = new PointArms[1];
        RunOrigin origin = new RunOrigin(args);
        List<String> texts = new ArrayList<>();
        for (String file : files) {
            texts.add(StudyRunner.scenarioText(file));
        }
        Map<String, String> identity = new java.util.LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            identity.put("scenario " + labels.get(i), ScenarioDigest.of(texts.get(i), List.of(scenarios.get(i)), origin::fileHash));
        }
        ArmsStudy.Outcome outcome = ArmsStudy.run(plan, target, options.quiet ? null : err, common.debug,
                StudyManifest.study("compare", identity, plan), options.fresh,
                (dir, resumeDir, replications) -> new ArmReports(dir, labels, files, texts, origin, resumeDir, replications),
                (dir, results) -> {
            arms[0] = PointArms.of(results, labels);
            SummaryJson.write(dir.resolve("summary.json"), first, new SummaryJson.Report(point.options().seed(), labels,
                    arms[0].summaries(), arms[0].comparison(), null, Map.of()));
            try {
                ChartReport.write(dir, options.chart.unit(), !options.noCharts);
            } catch (ReportFormatException e) {
                throw new InternalFailure("cannot read back the report just written: " + e.getMessage(), e);
            }
        });
        if (!options.quiet) {
            out.println();
            ComparisonTable.print(out, labels, arms[0].summaries(), arms[0].comparison());
            out.println();
            out.printf(Locale.ROOT, "%d replications in %.1f s. Report: %s%n", point.options().replications()
                    * scenarios.size(), outcome.seconds(), StudyPrinter.displayPath(target));
            out.printf(Locale.ROOT, "Open %sindex.html in a browser.%n", StudyPrinter.displayPath(target));
            out.flush();
        }
        return Main.OK;
    }

    /** What one run of several scenarios does not do; every such option at once. */
    private void unsupported() {
        List<String> problems = new ArrayList<>();
        if (!options.set.isEmpty()) {
            problems.add("--set: sweeps take one scenario; to compare scenarios, give their files alone");
        }
        if (options.targetCi != null) {
            problems.add("--target-ci: with several scenario files, give --replications instead");
        }
        if (options.spark != null) {
            problems.add("--spark: several scenario files run on this machine's threads (--threads)");
        }
        if (options.verify) {
            problems.add("--verify: check each scenario with capsim run --verify");
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    /** Each arm's name: its scenario's, or its file's where two scenarios share a name. */
    private List<String> labels(List<Scenario> scenarios) {
        List<String> names = scenarios.stream().map(Scenario::name).toList();
        boolean distinct = new HashSet<>(names).size() == names.size();
        List<String> labels = distinct ? names : files;
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            if (!seen.add(label)) {
                throw new BadInputException("compare: " + label + " is given twice; compare different scenarios");
            }
        }
        return labels;
    }
}
