package org.capsim.replication;

import java.util.ArrayList;
import java.util.List;

import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.RoutingSpec;
import org.capsim.scenario.Scenario;

/**
 * The routing policies of a run over time: the scenario's policy, then each of its
 * {@code routing.phases} from its date on. A job is routed by the phase in force at its arrival,
 * also when it is routed again later (a deferred job keeps its phase's rules).
 *
 * @param phases in time order; the first starts at -infinity
 */
public record Deal(List<Phase> phases) {

    /** From {@code from} (clock hours) on, jobs arriving are routed by {@code policy}. */
    public record Phase(double from, PolicyRegistry.Entry policy) {
    }

    public Deal {
        phases = List.copyOf(phases);
    }

    /** One policy throughout. */
    public static Deal of(PolicyRegistry.Entry policy) {
        return new Deal(List.of(new Phase(Double.NEGATIVE_INFINITY, policy)));
    }

    /** The scenario's deal: {@code routing.policy} then its phases (already validated). */
    public static Deal of(Scenario scenario, PolicyRegistry registry) {
        RoutingSpec routing = scenario.routing();
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase(Double.NEGATIVE_INFINITY, registry.find(routing.policy())));
        for (RoutingSpec.Phase phase : routing.phases()) {
            phases.add(new Phase(phase.from(), registry.find(phase.policy())));
        }
        return new Deal(phases);
    }

    /** The name reports give it: the policy's name, or the phases' names joined by '>' (e.g. {@code rofr>commitment}). */
    public String label() {
        return String.join(">", phases.stream().map(phase -> phase.policy().name()).toList());
    }

    /** The entry of the policy named {@code name} in this deal, or null. */
    public PolicyRegistry.Entry entry(String name) {
        return phases.stream().map(Phase::policy).filter(entry -> entry.name().equals(name)).findFirst().orElse(null);
    }
}
