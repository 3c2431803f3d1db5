package org.capsim.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.policy.PolicyRegistry;
import org.capsim.replication.Deal;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;

/**
 * One point of a study: its {@code --set} values (none outside a sweep), the scenario they give,
 * the deals it runs on common random numbers, and how.
 *
 * @param number 1 for the first point
 */
public record SweepPoint(int number, List<Assignment> assignments, Scenario scenario, List<Deal> deals,
        RunOptions options) {

    public SweepPoint {
        assignments = List.copyOf(assignments);
        deals = List.copyOf(deals);
    }

    /**
     * What was asked for beside the scenario; each null for the scenario's own.
     *
     * @param threads null for the machine's cores
     */
    public record Asked(Integer replications, Long seed, Integer threads, Double sampleHours) {

        RunOptions options(Scenario scenario) {
            return new RunOptions(replications != null ? replications : scenario.replications(),
                    seed != null ? seed : scenario.seed(),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                    sampleHours != null ? sampleHours : scenario.sampleHours());
        }
    }

    /**
     * @param policies the policies to run instead of the scenario's deal, in order; empty for its deal
     */
    public static SweepPoint of(int number, List<Assignment> assignments, Scenario scenario, PolicyRegistry registry,
            List<String> policies, Asked asked) {
        List<Deal> deals = policies.isEmpty() ? List.of(Deal.of(scenario, registry))
                : policies.stream().map(name -> Deal.of(registry.find(name))).toList();
        return new SweepPoint(number, assignments, scenario, deals, asked.options(scenario));
    }

    /** The policies' labels, in order. */
    public List<String> labels() {
        return deals.stream().map(Deal::label).toList();
    }

    /** Key path to value of each {@code --set}, in order. */
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        assignments.forEach(a -> out.put(a.path(), a.value()));
        return out;
    }
}
