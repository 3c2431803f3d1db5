package org.capsim.experiment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.policy.PolicyRegistry;
import org.capsim.replication.Deal;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.RoutingSpec;
import org.capsim.scenario.Scenario;

/**
 * One point of a study: its {@code --set} values (none outside a sweep), the scenario they give,
 * the deals it runs on common random numbers (the arms), their labels, and how.
 *
 * @param number 1 for the first point
 * @param labels each deal's name in reports, in order: {@code deal} for the scenario's own routing
 *               named so, else the deal's own label (the policy's short name, or e.g. {@code rofr>commitment})
 */
public record SweepPoint(int number, List<Assignment> assignments, Scenario scenario, List<Deal> deals,
        List<String> labels, RunOptions options) {

    public SweepPoint {
        assignments = List.copyOf(assignments);
        deals = List.copyOf(deals);
        labels = List.copyOf(labels);
        if (labels.size() != deals.size()) {
            throw new IllegalArgumentException("one label per deal");
        }
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
     * @param policies the policies to run instead of the scenario's deal, in order; empty for its
     *                 deal. {@link PolicyRegistry#DEAL} among them is the scenario's deal, labelled so.
     */
    public static SweepPoint of(int number, List<Assignment> assignments, Scenario scenario, PolicyRegistry registry,
            List<String> policies, Asked asked) {
        if (policies.isEmpty()) {
            Deal own = Deal.of(scenario, registry);
            return new SweepPoint(number, assignments, scenario, List.of(own), List.of(own.label()), asked.options(scenario));
        }
        List<Deal> deals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : policies) {
            boolean own = name.equals(PolicyRegistry.DEAL);
            Deal deal = own ? Deal.of(scenario, registry) : Deal.of(registry.find(name));
            deals.add(deal);
            labels.add(own ? PolicyRegistry.DEAL : deal.label()); // a class name is labelled by its short name
        }
        return new SweepPoint(number, assignments, scenario, deals, labels, asked.options(scenario));
    }

    /**
     * What the scenario's own deal is, in words, e.g. {@code rofr from 2025-01-21, commitment
     * from 2025-10-28}, when an arm is labelled {@link PolicyRegistry#DEAL}; null otherwise.
     */
    public String dealDescription() {
        return labels.contains(PolicyRegistry.DEAL) ? describe(scenario.routing(), scenario.calendar().start()) : null;
    }

    private static String describe(RoutingSpec routing, LocalDate start) {
        StringBuilder text = new StringBuilder(routing.policy()).append(" from ").append(start);
        routing.phases().forEach(phase -> text.append(", ").append(phase.policy()).append(" from ").append(phase.date()));
        return text.toString();
    }

    /** Key path to value of each {@code --set}, in order. */
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        assignments.forEach(a -> out.put(a.path(), a.value()));
        return out;
    }
}
