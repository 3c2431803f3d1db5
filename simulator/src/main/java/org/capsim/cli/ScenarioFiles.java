package org.capsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Problem;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioException;
import org.capsim.scenario.ScenarioLoader;
import org.capsim.scenario.Sweep;

/** Loads a scenario named on the command line, turning its problems into bad input. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /**
     * The scenario of every sweep point given by {@code --set} arguments (one point without
     * any), each loaded and validated. A value that breaks the scenario is bad input before
     * anything runs; the same problem of several points (one bad value crossed with the others'
     * values) is said once.
     *
     * @param policies the policies the command line runs instead of the scenario's (may be empty)
     * @return per point, in sweep order, its assignments and scenario
     */
    static List<Point> loadPoints(String argument, PolicyRegistry registry, List<String> policies, List<String> set) {
        List<List<Assignment>> combinations;
        try {
            combinations = Sweep.parse(set).points();
        } catch (ScenarioException e) {
            throw new BadInputException(e.problems().stream().map(Problem::toString).toList());
        }
        return loadEach(argument, registry, policies, combinations);
    }

    /** The scenario of each list of assignments (a point of a sweep or of a sensitivity study), as {@link #loadPoints}. */
    static List<Point> loadEach(String argument, PolicyRegistry registry, List<String> policies,
            List<List<Assignment>> combinations) {
        Set<String> lines = new LinkedHashSet<>();
        List<Point> points = new ArrayList<>();
        for (List<Assignment> assignments : combinations) {
            try {
                points.add(new Point(assignments, ScenarioLoader.load(Path.of(argument), argument,
                        new ScenarioLoader.Options(registry, policies, assignments))));
            } catch (ScenarioException e) {
                e.problems().stream().map(Problem::toString).forEach(lines::add);
            } catch (java.nio.file.InvalidPathException e) {
                throw new BadInputException(argument + ": not a valid file name");
            }
        }
        if (!lines.isEmpty()) {
            List<String> all = new ArrayList<>(lines);
            all.add(lines.size() == 1 ? "1 problem in " + argument : lines.size() + " problems in " + argument);
            throw new BadInputException(all);
        }
        return points;
    }

    /** A sweep point: the {@code --set} values and the scenario they give. */
    record Point(List<Assignment> assignments, Scenario scenario) {
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
