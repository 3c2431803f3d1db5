package org.capsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.experiment.Precision;
import org.capsim.scenario.ScenarioLoader;

import picocli.CommandLine.Option;

/** The options {@code run} and {@code compare} share: how many replications, where to, sweeps. */
final class ExperimentOptions {

    static final int MAX_THREADS = 4096;
    /** Replications {@code --target-ci} may go up to unless {@code --max-replications} says otherwise. */
    static final int DEFAULT_MAX_REPLICATIONS = 200;

    @Option(names = "--replications", paramLabel = "N",
            description = "Replications (default: the scenario's, else 10). With --target-ci, the first batch.")
    Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: the scenario's).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: reports/<scenario name>, "
            + "with -compare for compare and -sweep for a sweep).")
    Path outDir;

    @Option(names = "--threads", paramLabel = "T",
            description = "Replications run in parallel (default: the machine's cores). Output is the same for any T.")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run the replications as Apache Spark tasks on MASTER, e.g. local[4] or spark://host:7077 "
                    + "(needs the capsim-spark jar; the launcher builds it). Output is the same as with --threads. "
                    + "On YARN or Kubernetes, spark-submit spark/target/capsim-spark.jar with these arguments "
                    + "(README: Running on a cluster).")
    String spark;

    @Option(names = "--sample-hours", paramLabel = "H",
            description = "Write sites.csv on a grid of H hours instead of a row at every change "
                    + "(default: the scenario's sample-hours, else every change).")
    Double sampleHours;

    @Option(names = "--set", paramLabel = "KEY=V1,V2", description = {
        "Set a scenario key, by its path as error messages show it (lists from 0), e.g. "
                + "routing.rofr.max-start-delay-days=30 or sites[1].build-out[0].gpus=50000. Several values "
                + "(comma-separated; commas inside [..] or {..} do not split) make a sweep; several --set make "
                + "the cartesian product. Each point gets its own report in point-NN/ and sweep.csv sums them up."})
    List<String> set = new ArrayList<>();

    @Option(names = "--target-ci", paramLabel = "F",
            description = "Add replications in batches until the 95%% half width of the mean wait is within F of it "
                    + "(e.g. 0.05 for 5%%) for every policy, or --max-replications is reached.")
    Double targetCi;

    @Option(names = "--max-replications", paramLabel = "N",
            description = "Cap for --target-ci (default: " + DEFAULT_MAX_REPLICATIONS + ").")
    Integer maxReplications;

    @Option(names = "--fresh", description = "Start over: do not resume an interrupted run of the same study to this "
            + "--out (rerunning the same command resumes it, with any --replications: the done ones are kept "
            + "as far as needed).")
    boolean fresh;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--verify", description = "First simulate replication 1 of each policy twice and stop unless both "
            + "runs executed the same event sequence (same hash of event times and order): a determinism check. "
            + "A policy that uses unseeded randomness or the wall clock fails it.")
    boolean verify;

    @Option(names = "--no-charts", description = "Skip the charts (index.html still shows the tables); "
            + "capsim report DIR draws them later from the CSV files.")
    boolean noCharts;

    @picocli.CommandLine.Mixin
    ChartOptions chart = new ChartOptions();

    /** Checks what can be checked without the scenario; every problem at once. */
    void check() {
        List<String> problems = new ArrayList<>();
        range(problems, "--replications", replications, 1, ScenarioLoader.MAX_REPLICATIONS);
        range(problems, "--threads", threads, 1, MAX_THREADS);
        if (sampleHours != null && !(sampleHours > 0 && Double.isFinite(sampleHours))) {
            problems.add("--sample-hours: must be a positive number of hours, got " + sampleHours);
        }
        if (spark != null && spark.isBlank()) {
            problems.add("--spark: the master URL is empty, e.g. local[4] or spark://host:7077");
        }
        if (spark != null && threads != null) {
            problems.add("--spark and --threads: give one (Spark's master says how many tasks run at once)");
        }
        if (outDir != null && outDir.toString().isBlank()) {
            problems.add("--out: the folder name is empty");
        }
        if (targetCi != null && !(targetCi > 0 && targetCi < 1e6)) {
            problems.add("--target-ci: must be a positive fraction of the mean, e.g. 0.05 for 5%, got " + targetCi);
        }
        if (maxReplications != null && targetCi == null) {
            problems.add("--max-replications: only with --target-ci (use --replications for a fixed number)");
        }
        range(problems, "--max-replications", maxReplications, 2, ScenarioLoader.MAX_REPLICATIONS);
        int cap = maxReplications != null ? maxReplications : DEFAULT_MAX_REPLICATIONS;
        if (targetCi != null && replications != null && replications > cap) {
            problems.add("--replications " + replications + " is more than --max-replications " + cap
                    + (maxReplications == null ? " (the default with --target-ci)" : ""));
        }
        try {
            chart.unit();
        } catch (BadInputException e) {
            problems.addAll(e.messages());
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private static void range(List<String> problems, String option, Integer value, int min, int max) {
        if (value != null && value < min) {
            problems.add(option + ": must be at least " + min + ", got " + value);
        } else if (value != null && value > max) {
            problems.add(option + ": must be at most " + max + ", got " + value);
        }
    }

    /** The precision rule, or null for a fixed number of replications. */
    Precision precision() {
        return targetCi == null ? null
                : new Precision(targetCi, maxReplications != null ? maxReplications : DEFAULT_MAX_REPLICATIONS);
    }
}
