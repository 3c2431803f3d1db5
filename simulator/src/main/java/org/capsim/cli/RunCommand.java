package org.capsim.cli;

import java.util.List;
import java.util.concurrent.Callable;

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
            "  index.html     the report page: open it in a browser (no server needed)",
            "  charts/        each chart as PNG and SVG",
            "  summary.json   every metric: mean, ci95 (95%% half width), n",
            "  jobs.csv       one row per job per replication",
            "  sites.csv      installed, busy, queued GPUs per pool over time",
            "  scenario.yaml  the scenario as run",
            "",
            "The folder is written to a temporary place and renamed when complete:",
            "a failed run never leaves half a report. A progress bar shows on a",
            "terminal (plain lines in a log); a summary table is printed at the end.",
            "To compare policies on the same replications, see 'capsim compare'."},
        footer = {"", "Examples:",
            "  capsim run scenarios/stargate-2025.yaml",
            "  capsim run scenarios/stargate-2025.yaml --policy exclusive \\",
            "      --out reports/excl",
            "  capsim run scenarios/stargate-2025.yaml --replications 20 --seed 7",
            "  capsim run scenarios/stargate-2025.yaml --target-ci 0.05",
            "  capsim run scenarios/stargate-2025.yaml \\",
            "      --set routing.rofr.max-start-delay-days=7,14,30,60",
            "  capsim run scenarios/mmc-check.yaml --threads 1 --quiet",
            "", "Exit status: 0 success, 2 bad input, 1 internal error."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), e.g. scenarios/stargate-2025.yaml.")
    String scenarioFile;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Routing policy instead of the scenario's routing.policy (and phases): a short name "
                    + "(see 'capsim policies') or a fully qualified class name on --classpath; 'deal' runs the "
                    + "scenario's own routing, labelled 'deal'.")
    String policy;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new StudyRunner("run", scenarioFile, experiment, common, policy == null ? List.of() : List.of(policy),
                spec.commandLine().getParseResult().originalArgs(),
                spec.commandLine().getOut(), spec.commandLine().getErr()).execute();
    }
}
