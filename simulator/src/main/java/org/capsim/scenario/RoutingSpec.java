package org.capsim.scenario;

import java.util.Map;

/**
 * The scenario's routing: the policy and every policy's settings block.
 *
 * @param policy   short name or fully qualified class name
 * @param policyAt where the policy was named
 * @param blocks   settings by policy short name
 * @param at       location of the routing mapping (or the file when absent)
 */
public record RoutingSpec(String policy, Location policyAt, Map<String, SettingsBlock> blocks, Location at) {

    public RoutingSpec {
        blocks = Map.copyOf(blocks);
    }

    /** The block of {@code policyName}, or an empty one. */
    public SettingsBlock block(String policyName) {
        SettingsBlock block = blocks.get(policyName);
        return block != null ? block : SettingsBlock.empty("routing." + policyName, at);
    }
}
