package org.capsim.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.capsim.model.Failures;
import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.DemandReader.Demand;
import org.capsim.scenario.FleetReader.Fleet;
import org.capsim.scenario.RunSettingsReader.RunSettings;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads and validates a scenario file (SPEC.md section 3) into an immutable {@link Scenario}.
 * Every problem of the file, and of the traces and data files it names, is collected and thrown
 * at once as a {@link ScenarioException}; each names the file, line, column and key path.
 * Each section of the format has its reader ({@link RunSettingsReader}, {@link FleetReader},
 * {@link DemandReader}, {@link FailuresReader}, {@link RoutingReader}), all sharing one {@link ScenarioInput}.
 */
public final class ScenarioLoader {

    /** Replications per run, at most: an absurd count is an error naming the key, not a run that never ends. */
    public static final int MAX_REPLICATIONS = 100_000;
    /** sites.csv grid rows per pool and replication, at most. */
    static final double MAX_SAMPLES = 1_000_000;

    /**
     * @param registry    the policies the scenario may name
     * @param policies    policies the command line runs instead of {@code routing.policy} and its
     *                    phases ({@code run --policy}: one; {@code compare --policies}: several);
     *                    empty for the scenario's own
     * @param assignments {@code --set} values applied to the file, in order, before it is validated
     */
    public record Options(PolicyRegistry registry, List<String> policies, List<Assignment> assignments) {

        public Options {
            policies = List.copyOf(policies);
            assignments = List.copyOf(assignments);
        }

        /** One policy instead of the scenario's (or null for the scenario's), no assignments. */
        public Options(PolicyRegistry registry, String policyOverride) {
            this(registry, policyOverride == null ? List.of() : List.of(policyOverride), List.of());
        }

        /** The same options with {@code assignments} instead, e.g. one point of a {@link Sweep}. */
        public Options withAssignments(List<Assignment> assignments) {
            return new Options(registry, policies, assignments);
        }

        /** The option that named the policies, for messages. */
        String policiesOption() {
            return policies.size() == 1 ? "--policy" : "--policies";
        }
    }

    /**
     * Reads {@code file} with {@code options.assignments()} applied.
     *
     * @param label the file as the user named it, used in every message
     * @throws ScenarioException listing every problem found, of the file and of the assignments together
     */
    public static Scenario load(Path file, String label, Options options) throws ScenarioException {
        Problems problems = new Problems();
        Optional<Node> parsed = YamlFile.parse(file, label, problems);
        problems.throwIfAny();
        // an assignment that cannot be applied is a problem, but reading goes on to find the others
        Node root = Assignments.apply(parsed.orElseThrow(), options.assignments(), problems);
        Scenario scenario = read(root, new ScenarioInput(file, label, problems), options);
        problems.throwIfAny();
        return scenario;
    }

    /** The scenario, or null when any problem was found; the sections are read in file-format order. */
    private static Scenario read(Node rootNode, ScenarioInput input, Options options) {
        YamlReader yaml = input.yaml();
        if (!(rootNode instanceof MappingNode)) {
            yaml.problem(rootNode, "", "this is not a capsim scenario: the top level is "
                    + YamlReader.describe(rootNode) + ", expected a mapping of keys (name:, start:, horizon:, ...)");
            return null;
        }
        Mapping root = yaml.mapping(rootNode, "");
        RunSettings run = new RunSettingsReader(input).read(root);
        DeclaredNames declared = new DeclaredNames();
        Fleet fleet = new FleetReader(input, declared, run.calendar()).read(root);
        Demand demand = new DemandReader(input, declared, fleet.types(), run.calendar()).read(root);
        Failures failures = new FailuresReader(input).read(root);
        RoutingSpec routing = new RoutingReader(input, declared, options).read(root, run.calendar());
        root.rejectUnknownKeys();

        if (!input.problems().isEmpty()) {
            return null;
        }
        return new Scenario(input.label(), run.name(), run.description(), run.calendar(), run.warmupHours(), run.seed(),
                run.replications(), run.sampleHours(), run.scheduling(), fleet.types(), fleet.providers(), fleet.sites(),
                demand.classes(), demand.reservations(), failures, routing, input.notes(), input.dataFiles());
    }

    /**
     * Why a sites.csv grid of {@code sampleHours} over {@code endHours} is too fine (the same rule
     * for the scenario key and the command-line option), or empty when it is fine or off (0).
     */
    public static Optional<String> sampleGridProblem(double endHours, double sampleHours) {
        if (sampleHours <= 0 || endHours / sampleHours <= MAX_SAMPLES) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "would write %.3g rows per pool and replication; the limit is %.0f (use at least %.3g hours)",
                endHours / sampleHours, MAX_SAMPLES, endHours / MAX_SAMPLES));
    }
}
