package org.capsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.capsim.engine.SimulationFailure;
import org.capsim.experiment.Deal;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;
import org.capsim.policy.PolicyException;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.ReportFolder;
import org.capsim.report.ReportWriter;
import org.capsim.report.SummaryTable;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim run}: simulates a scenario and writes its report folder. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a scenario and write a report folder.",
            "",
            "  summary.json   every metric: mean, ci95 (95%% half width), n",
            "  jobs.csv       one row per job per replication",
            "  sites.csv      installed, busy, queued GPUs per pool over time",
            "  scenario.yaml  the scenario as run",
            "",
            "The folder is written to a temporary place and renamed when complete:",
            "a failed run never leaves half a report. A summary table is printed",
            "at the end."},
        footer = {"", "Examples:",
            "  capsim run scenarios/stargate-2025.yaml",
            "  capsim run scenarios/stargate-2025.yaml --policy exclusive --out reports/excl",
            "  capsim run scenarios/stargate-2025.yaml --replications 20 --seed 7",
            "  capsim run scenarios/mmc-check.yaml --threads 1 --quiet",
            "", "Exit status: 0 success, 2 bad input, 1 internal error."})
final class RunCommand implements Callable<Integer> {

    static final int MAX_THREADS = 4096;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), e.g. scenarios/stargate-2025.yaml.")
    String scenarioFile;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Routing policy instead of the scenario's routing.policy: a short name (see 'capsim policies') "
                    + "or a fully qualified class name on --classpath.")
    String policy;

    @Option(names = "--replications", paramLabel = "N", description = "Replications (default: the scenario's, else 10).")
    Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: the scenario's).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: reports/<scenario name>).")
    Path outDir;

    @Option(names = "--threads", paramLabel = "T",
            description = "Replications run in parallel (default: the machine's cores). Output is the same for any T.")
    Integer threads;

    @Option(names = "--sample-hours", paramLabel = "H",
            description = "Write sites.csv on a grid of H hours instead of a row at every change "
                    + "(default: the scenario's sample-hours, else every change).")
    Double sampleHours;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkArguments();
        PolicyRegistry registry = common.registry();
        Scenario scenario = ScenarioFiles.load(scenarioFile, registry, policy);
        Deal deal = policy != null ? Deal.of(registry.find(policy)) : Deal.of(scenario, registry);
        RunOptions options = new RunOptions(replications != null ? replications : scenario.replications(),
                seed != null ? seed : scenario.seed(),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                sampleHours != null ? sampleHours : scenario.sampleHours());
        ScenarioLoader.sampleGridProblem(scenario.endHours(), options.sampleHours()).ifPresent(message -> {
            throw new BadInputException(String.format(Locale.ROOT, "--sample-hours: %.3g ", options.sampleHours()) + message);
        });
        Path target = outDir != null ? outDir : Path.of("reports", scenario.name());
        ReportFolder folder;
        try {
            folder = ReportFolder.create(target);
        } catch (ReportFolder.UnusableTarget e) {
            throw new BadInputException("--out: " + e.getMessage());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new BadInputException("--out: cannot create the report folder " + target + ": " + IoMessages.describe(e));
        }
        int workers = Math.min(options.threads(), options.replications());
        if (!quiet) {
            scenario.notes().forEach(note -> err.println("note: " + note));
            err.printf(Locale.ROOT, "capsim run %s: policy %s, %d replication%s, seed %d, %d thread%s%n", scenario.name(),
                    deal.label(), options.replications(), options.replications() == 1 ? "" : "s", options.seed(),
                    workers, workers == 1 ? "" : "s");
            err.flush();
        }
        long started = System.nanoTime();
        try (folder) {
            ReportWriter writer = new ReportWriter(folder, scenario, deal.label(), options.sampleHours());
            List<ReplicationResult> results = simulate(scenario, deal, options, writer, err);
            Summary summary = Summary.of(results);
            writer.finish(options.replications(), options.seed(), summary, Path.of(scenarioFile));
            folder.commit();
            if (!quiet) {
                double seconds = (System.nanoTime() - started) / 1e9;
                long events = results.stream().mapToLong(ReplicationResult::events).sum();
                out.println();
                SummaryTable.print(out, summary);
                out.println();
                out.printf(Locale.ROOT, "%d replication%s in %.1f s (%,d events). Report: %s%n", results.size(),
                        results.size() == 1 ? "" : "s", seconds, events, displayPath(target));
                out.flush();
            }
            return Main.OK;
        } catch (IOException e) {
            throw new InternalFailure("cannot write the report in " + target + ": " + e.getMessage(), e);
        }
    }

    private List<ReplicationResult> simulate(Scenario scenario, Deal deal, RunOptions options,
            ReportWriter writer, PrintWriter err) {
        Progress progress = quiet ? null : new Progress(err, System.console() != null);
        try {
            return Experiment.run(scenario, deal, options, writer.recorders(),
                    progress == null ? Experiment.Progress.NONE : progress);
        } catch (SimulationFailure failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof PolicyException policyFailure) {
                String message = "capsim: " + policyFailure.getMessage() + " (at simulation hour "
                        + org.capsim.report.Num.format(failure.time()) + ")";
                PolicyRegistry.Entry entry = deal.entry(policyFailure.policy());
                if (entry == null || !entry.builtIn()) {
                    throw new BadInputException(message + (common.debug ? "" : " (--debug shows where)"),
                            policyFailure); // the planner's class: their input
                }
                throw new InternalFailure(message, policyFailure);
            }
            if (cause instanceof UncheckedIOException io) {
                throw new InternalFailure("cannot write the report: " + io.getCause().getMessage(), failure);
            }
            throw failure;
        } catch (UncheckedIOException io) {
            throw new InternalFailure("cannot write the report: " + io.getCause().getMessage(), io);
        } finally {
            if (progress != null) {
                progress.end();
            }
        }
    }

    private void checkArguments() {
        if (replications != null && replications < 1) {
            throw new BadInputException("--replications: must be at least 1, got " + replications);
        }
        if (threads != null && threads < 1) {
            throw new BadInputException("--threads: must be at least 1, got " + threads);
        }
        if (sampleHours != null && !(sampleHours > 0 && Double.isFinite(sampleHours))) {
            throw new BadInputException("--sample-hours: must be a positive number of hours, got " + sampleHours);
        }
        if (replications != null && replications > ScenarioLoader.MAX_REPLICATIONS) {
            throw new BadInputException("--replications: must be at most " + ScenarioLoader.MAX_REPLICATIONS + ", got "
                    + replications);
        }
        if (threads != null && threads > MAX_THREADS) {
            throw new BadInputException("--threads: must be at most " + MAX_THREADS + ", got " + threads);
        }
        if (outDir != null && outDir.toString().isBlank()) {
            throw new BadInputException("--out: the folder name is empty");
        }
    }

    private static String displayPath(Path target) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) + "/" : absolute + "/";
    }

    /** Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise. */
    private static final class Progress implements Experiment.Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private final long started = System.nanoTime();

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void replicationDone(ReplicationResult result, int done, int total) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = elapsed / done * (total - done);
            if (terminal) {
                int width = 30;
                int filled = (int) Math.round(width * (double) done / total);
                err.printf(Locale.ROOT, "\r[%s%s] %d/%d replications, %.1f s, ETA %.1f s ", "#".repeat(filled),
                        " ".repeat(width - filled), done, total, elapsed, eta);
            } else {
                err.printf(Locale.ROOT, "replication %d/%d done (%.1f s elapsed, ETA %.1f s)%n", done, total, elapsed, eta);
            }
            err.flush();
        }

        void end() {
            if (terminal) {
                err.println();
                err.flush();
            }
        }
    }
}
