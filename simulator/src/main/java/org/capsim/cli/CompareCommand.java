package org.capsim.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim compare}: several policies on the same replications, with paired differences. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario under several routing policies and report how they differ.",
            "",
            "The policies run on common random numbers: replication r of every policy",
            "sees the same jobs (ids, arrival times, sizes), the same build-out (tranche",
            "delays and cancellations) and, per job, the same failure draws; only the",
            "routing differs. So each metric is compared within each replication (a",
            "paired difference against the first policy), which leaves out the noise the",
            "policies share: intervals are much narrower than those of independent runs.",
            "",
            "'deal' is an arm like a policy: the scenario's own routing.policy with its",
            "routing.phases (e.g. rofr, then commitment from a date), so a deal can be",
            "weighed against plain policies: --policies rofr,deal. Its arm is labelled",
            "'deal' in the report; the terminal and the page say what the deal is.",
            "",
            "The report holds every policy: summary.json lists each under \"policies\"",
            "and adds \"comparison\" (per metric and policy after the first: mean, ci95,",
            "n of the paired difference, whether the interval excludes 0, and the",
            "unpaired ci95 for reference), also per class (\"classes\") and per site",
            "(\"sites\") beside the fleet's and providers'; jobs.csv and sites.csv carry",
            "a policy column.",
            "index.html adds the comparison tables (fleet, classes, sites) and charts of",
            "the policies side by side and of the paired differences, with 95%% error",
            "bars.",
            "",
            "Several scenario files (no --policies) are compared as arms the same way: each",
            "under its own routing, all on the first file's seed and replications. Classes",
            "and sites of the same name draw the same random numbers in every file, so the",
            "paired differences against the first file apply; a class of the same name but",
            "another kind is an error. Writes summary.json and index.html (no jobs.csv)."},
        footer = {"", "Examples:",
            "  capsim compare scenarios/stargate-2025.yaml \\",
            "      --policies exclusive,rofr,earliest-start",
            "  capsim compare scenarios/deal-timeline-2025.yaml --policies rofr,deal",
            "  capsim compare scenarios/stargate-2025.yaml --policies rofr,cheapest \\",
            "      --replications 20 --threads 2",
            "  capsim compare scenarios/stargate-2025.yaml --policies exclusive,rofr \\",
            "      --target-ci 0.02",
            "  capsim compare scenarios/stargate-2025.yaml --policies exclusive,rofr \\",
            "      --set routing.rofr.max-start-delay-days=7,30",
            "  capsim compare scenarios/stargate-2025.yaml scenarios/exclusive-2024.yaml",
            "", "Exit status: 0 success, 2 bad input, 1 internal error."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario file (YAML), e.g. "
            + "scenarios/stargate-2025.yaml; or several, without --policies, to compare the scenarios as arms.")
    List<String> scenarioFiles;

    @Option(names = "--policies", paramLabel = "A,B,...", split = ",", hideParamSyntax = true,
            description = "Two or more routing policies, comma-separated; the first is the baseline the others are "
                    + "compared with. Short names (see 'capsim policies'), class names on --classpath, or 'deal' for "
                    + "the scenario's own routing with its phases.")
    List<String> policies;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (scenarioFiles.size() > 1) {
            if (policies != null) {
                throw new BadInputException("--policies: compare either one scenario under several policies or several "
                        + "scenario files under their own routing, not both");
            }
            return new ScenarioArms(scenarioFiles, experiment, common, spec.commandLine().getParseResult().originalArgs(),
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr()).execute();
        }
        if (policies == null) {
            throw new BadInputException("--policies: give two or more policies to compare the scenario under, e.g. "
                    + "--policies exclusive,rofr (or several scenario files to compare them)");
        }
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : policies) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                problems.add("--policies: an empty name in the list");
            } else if (!seen.add(trimmed)) {
                problems.add("--policies: '" + trimmed + "' is given twice");
            } else {
                names.add(trimmed);
            }
        }
        if (problems.isEmpty() && names.size() < 2) {
            problems.add("--policies: give two or more policies to compare, e.g. --policies exclusive,rofr "
                    + "(to run one policy: capsim run --policy NAME)");
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new StudyRunner("compare", scenarioFiles.get(0), experiment, common, names, spec.commandLine().getParseResult().originalArgs(),
                spec.commandLine().getOut(),
                spec.commandLine().getErr()).execute();
    }
}
