package org.capsim.workload;

/**
 * The workload class a job belongs to, as the cluster needs it.
 *
 * @param name     class name from the scenario
 * @param index    position in the scenario's demand list
 * @param priority higher starts first within a pool queue
 */
public record JobClass(String name, int index, int priority) {
}
