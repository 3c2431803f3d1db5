package org.capsim.cli;

import java.nio.file.Path;

import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Problem;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioException;
import org.capsim.scenario.ScenarioLoader;

/** Loads a scenario named on the command line, turning its problems into bad input. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    static Scenario load(String argument, PolicyRegistry registry, String policyOverride) {
        try {
            return ScenarioLoader.load(Path.of(argument), argument, new ScenarioLoader.Options(registry, policyOverride));
        } catch (ScenarioException e) {
            java.util.List<String> lines = new java.util.ArrayList<>(e.problems().stream().map(Problem::toString).toList());
            lines.add(e.problems().size() == 1 ? "1 problem in " + argument
                    : e.problems().size() + " problems in " + argument);
            throw new BadInputException(lines);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(argument + ": not a valid file name");
        }
    }
}
