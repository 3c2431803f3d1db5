package org.capsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings block of one routing policy ({@code routing.<name>}), kept as plain located values
 * so policies can read them typed in every replication without the YAML tree.
 *
 * @param path   e.g. {@code routing.rofr}
 * @param at     location of the block
 * @param values key to value, in file order
 */
public record SettingsBlock(String path, Location at, Map<String, Setting> values) {

    public SettingsBlock {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An absent block. */
    public static SettingsBlock empty(String path, Location at) {
        return new SettingsBlock(path, at, Map.of());
    }
}
