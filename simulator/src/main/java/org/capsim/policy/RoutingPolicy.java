package org.capsim.policy;

/**
 * Decides where each arriving job runs. The extension point for capacity planners.
 *
 * <p>A policy is a public class with a public no-argument constructor. capsim creates a fresh
 * instance for every replication, calls {@link #configure} once with the scenario's block
 * {@code routing.<name>}, then {@link #route} for every job. A policy sees the fleet only
 * through the read-only {@link FleetView} and can never change the simulation.
 *
 * <p>To make a policy known by its short name, list its class in
 * {@code META-INF/services/org.capsim.policy.RoutingPolicy} of its jar and pass the jar with
 * {@code --classpath}; a fully qualified class name on that class path works without the file.
 */
public interface RoutingPolicy {

    /** Short name used in scenarios and on the command line, e.g. {@code rofr}: [a-z0-9-]+. */
    String name();

    /**
     * One line that says what the policy does, for {@code capsim policies}: the built-ins' and a
     * planner's own alike. Left blank, the listing says that none was given.
     */
    default String description() {
        return "";
    }

    /**
     * Reads this policy's settings (the scenario block {@code routing.<name>}). Report problems
     * through {@link PolicySettings#problem}; keys the policy never reads are reported as unknown.
     * Called once per replication on a fresh instance, and once when a scenario is validated.
     */
    default void configure(PolicySettings settings) {
    }

    /**
     * Called when a job arrives, and again after each {@link Decision#defer deferral}.
     *
     * @return where the job goes: a pool, a later decision, or a rejection; never null
     */
    Decision route(JobRequest job, FleetView fleet);
}
