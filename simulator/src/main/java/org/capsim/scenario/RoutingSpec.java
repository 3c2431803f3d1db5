package org.capsim.scenario;

import java.util.List;
import java.util.Map;

/**
 * The scenario's routing: the policy and every policy's settings block.
 *
 * @param policy   short name or fully qualified class name
 * @param policyAt where the policy was named
 * @param blocks   settings by policy short name
 * @param at       location of the routing mapping (or the file when absent)
 * @param phases   policy switches on dates, in date order (empty: {@code policy} throughout)
 */
public record RoutingSpec(String policy, Location policyAt, Map<String, SettingsBlock> blocks, Location at,
        List<Phase> phases) {

    /**
     * From {@code from} on (clock hours), jobs arriving are routed by {@code policy}.
     *
     * @param date the calendar date of {@code from}
     */
    public record Phase(java.time.LocalDate date, double from, String policy, Location at) {
    }

    public RoutingSpec {
        blocks = Map.copyOf(blocks);
        phases = List.copyOf(phases);
    }

    /** The policies in force over the run in order: the base policy, then each phase's. */
    public List<String> policiesInOrder() {
        List<String> names = new java.util.ArrayList<>();
        names.add(policy);
        phases.forEach(phase -> names.add(phase.policy()));
        return names;
    }

    /** The block of {@code policyName}, or an empty one. */
    public SettingsBlock block(String policyName) {
        SettingsBlock block = blocks.get(policyName);
        return block != null ? block : SettingsBlock.empty("routing." + policyName, at);
    }
}
