package org.capsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim validate}: checks scenario files without simulating. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files (and the traces and data files they name) without simulating.",
            "Every problem of a file is listed, as file:line:column: key.path: message."},
        footer = {"", "Exit status: 0 when every file is valid, 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (YAML).")
    List<String> files;

    @Option(names = "--set", paramLabel = "KEY=V1,V2",
            description = "Check the scenario with these values set, as run and compare would (every sweep point).")
    List<String> set = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyRegistry registry = common.registry();
        int failed = 0;
        for (String file : files) {
            try {
                List<ScenarioFiles.Point> points = ScenarioFiles.loadPoints(file, registry, List.of(), set);
                Scenario scenario = points.get(0).scenario();
                out.println(file + ": ok (" + (points.size() > 1 ? points.size() + " sweep points; the first: " : "")
                        + scenario.name() + ": " + count(scenario.sites().size(), "site") + ", "
                        + count(scenario.demand().size(), "workload class")
                        + (scenario.reservations().isEmpty() ? "" : ", " + count(scenario.reservations().size(), "inference reservation"))
                        + ", policy " + String.join(" > ", scenario.routing().policiesInOrder()) + ")");
                scenario.notes().forEach(note -> err.println("note: " + note));
            } catch (BadInputException e) {
                e.messages().forEach(err::println);
                failed++;
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? Main.OK : Main.BAD_INPUT;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }
}
