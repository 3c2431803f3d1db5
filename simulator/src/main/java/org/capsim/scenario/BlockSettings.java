package org.capsim.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.capsim.policy.PolicySettings;
import org.capsim.policy.ScenarioFacts;

/**
 * {@link PolicySettings} over a located {@link SettingsBlock}. Remembers which keys the policy
 * read, so the rest can be reported as unknown. A sibling view reports nothing: its block is
 * validated by its own policy.
 */
public final class BlockSettings implements PolicySettings {

    private final SettingsBlock block;
    private final Problems problems; // null: silent
    private final ScenarioFacts facts;
    private final RoutingSpec routing;
    private final Set<String> read = new HashSet<>();

    public BlockSettings(SettingsBlock block, Problems problems, ScenarioFacts facts, RoutingSpec routing) {
        this.block = block;
        this.problems = problems;
        this.facts = facts;
        this.routing = routing;
    }

    @Override
    public String path() {
        return block.path();
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return block.values().containsKey(key);
    }

    @Override
    public double number(String key, double defaultValue, double min, double max) {
        read.add(key);
        Setting setting = block.values().get(key);
        if (setting == null) {
            return defaultValue;
        }
        double value;
        if (setting.value() instanceof Double d) {
            value = d;
        } else if (setting.value() instanceof Long l) {
            value = l;
        } else {
            problem(key, "expected a number, got " + describe(setting.value()));
            return defaultValue;
        }
        if (!Double.isFinite(value)) {
            problem(key, "must be a finite number, got " + value);
            return defaultValue;
        }
        if (value < min || value > max) {
            problem(key, "must be between " + plain(min) + " and " + plain(max) + ", got " + plain(value));
            return defaultValue;
        }
        return value;
    }

    @Override
    public double requiredNumber(String key, double min, double max) {
        if (!block.values().containsKey(key)) {
            read.add(key);
            problem(null, "missing required key '" + key + "'");
            return Double.NaN;
        }
        return number(key, Double.NaN, min, max);
    }

    @Override
    public String text(String key, String defaultValue) {
        read.add(key);
        Setting setting = block.values().get(key);
        if (setting == null) {
            return defaultValue;
        }
        if (setting.value() instanceof String s) {
            return s;
        }
        problem(key, "expected a text, got " + describe(setting.value()));
        return defaultValue;
    }

    @Override
    public String oneOf(String key, String defaultValue, List<String> allowed) {
        String value = text(key, defaultValue);
        if (value != null && !allowed.contains(value)) {
            problem(key, "unknown value '" + value + "'; expected one of: " + String.join(", ", allowed));
            return defaultValue;
        }
        return value;
    }

    @Override
    public String provider(String key, String defaultValue) {
        String value = text(key, null);
        if (value == null) {
            return defaultValue;
        }
        if (!facts.providers().contains(value)) {
            problem(key, "unknown provider '" + value + "'; known: " + String.join(", ", facts.providers()));
            return defaultValue;
        }
        return value;
    }

    @Override
    public void problem(String key, String message) {
        if (problems == null) {
            return;
        }
        Setting setting = key == null ? null : block.values().get(key);
        Location at = setting != null ? setting.at() : block.at();
        problems.add(at, key == null ? block.path() : block.path() + "." + key, message);
    }

    @Override
    public LocalDate inForceFrom() {
        String name = block.path().substring(block.path().indexOf('.') + 1);
        if (!routing.policy().equals(name)) {
            for (RoutingSpec.Phase phase : routing.phases()) {
                if (phase.policy().equals(name)) {
                    return phase.date();
                }
            }
        }
        return facts.start();
    }

    @Override
    public ScenarioFacts scenario() {
        return facts;
    }

    @Override
    public PolicySettings sibling(String policyName) {
        return new BlockSettings(routing.block(policyName), null, facts, routing);
    }

    /** Reports every key of the block the policy did not read. */
    public void reportUnread(String policyName) {
        List<String> known = new ArrayList<>(read);
        known.sort(null);
        for (var entry : block.values().entrySet()) {
            if (!read.contains(entry.getKey())) {
                String hint = known.isEmpty() ? "the " + policyName + " policy takes no settings"
                        : "known keys: " + String.join(", ", known);
                problems.add(entry.getValue().at(), block.path() + "." + entry.getKey(),
                        "unknown key for the " + policyName + " policy; " + hint);
            }
        }
    }

    private static String describe(Object value) {
        if (value instanceof Setting.Complex c) {
            return "a " + c.kind();
        }
        if (value instanceof String s) {
            return "the text '" + s + "'";
        }
        return "'" + value + "'";
    }

    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
