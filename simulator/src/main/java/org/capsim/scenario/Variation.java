package org.capsim.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.capsim.scenario.KeyPath.Index;
import org.capsim.scenario.KeyPath.Key;
import org.capsim.scenario.KeyPath.Step;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One {@code --vary KEY=LOW,HIGH} of a sensitivity study: a {@code --set} path and the two values
 * it takes, each a YAML value or a percentage of the scenario's own value ({@code -20%,+20%}),
 * resolved here against the file so that the loader checks them like any {@code --set} value.
 *
 * @param path      the key path
 * @param low       the low value as set (a percentage resolved to a number, rounded on a whole-number key)
 * @param high      the high value as set
 * @param asked     the argument's values as given, e.g. {@code -20%,+20%}
 */
public record Variation(String path, String low, String high, String asked) {

    private static final String OPTION = Assignment.VARY_PREFIX;
    private static final Pattern PERCENT = Pattern.compile("([-+]?[0-9]+(?:\\.[0-9]+)?)%");

    /**
     * The keys that take whole numbers (the schema's integers: GPU counts, priority, seed,
     * replications): a percentage of one is rounded to the nearest whole number, so that
     * {@code gpus=-15%} of 333333 runs 283333 instead of failing.
     */
    public static final java.util.Set<String> WHOLE_NUMBER_KEYS = java.util.Set.of("gpus", "retire-gpus", "max-gpus",
            "priority", "seed", "replications");

    /** Whether the key takes only whole numbers (a GPU count, priority, seed, replications). */
    public boolean wholeNumbers() {
        return wholeNumbers(path);
    }

    private static boolean wholeNumbers(String path) {
        return WHOLE_NUMBER_KEYS.contains(lastKey(path));
    }

    /** {@code --vary path=low,high} as given, for messages. */
    public String label() {
        return OPTION + path + "=" + asked;
    }

    public Assignment lowAssignment() {
        return new Assignment(path, low, OPTION.trim());
    }

    public Assignment highAssignment() {
        return new Assignment(path, high, OPTION.trim());
    }

    /**
     * Reads every {@code --vary} argument against the scenario {@code file}; reports the problems
     * of all of them together, each located at its option.
     */
    public static List<Variation> parse(Path file, String fileLabel, List<String> arguments) throws ScenarioException {
        Problems problems = new Problems();
        List<Variation> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Node[] root = new Node[1]; // the file, parsed once when a percentage needs it
        for (String argument : arguments) {
            Location at = new Location(OPTION + argument, 0, 0);
            SweepAxis axis;
            try {
                axis = SweepAxis.parse(argument);
            } catch (ScenarioException e) {
                e.problems().forEach(p -> problems.add(at, p.path(), p.message().replace("--set", "--vary")));
                continue;
            }
            if (axis.values().size() != 2) {
                problems.add(at, axis.path(), "give two values, LOW,HIGH (got " + axis.values().size()
                        + "), e.g. -20%,+20% or 7,30");
                continue;
            }
            String first = seen.putIfAbsent(axis.path(), argument);
            if (first != null) {
                problems.add(at, axis.path(), "given twice (also --vary " + first + "); vary a key once");
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : axis.values()) {
                Matcher percent = PERCENT.matcher(value);
                if (!percent.matches()) {
                    values.add(value);
                    continue;
                }
                if (root[0] == null) {
                    Problems fileProblems = new Problems();
                    Optional<Node> parsed = YamlFile.parse(file, fileLabel, fileProblems);
                    fileProblems.throwIfAny();
                    root[0] = parsed.orElseThrow();
                }
                Optional<String> scaled = scaled(root[0], axis.path(), value, percent.group(1), at, problems);
                if (scaled.isEmpty()) {
                    break;
                }
                values.add(scaled.get());
            }
            if (values.size() < 2) {
                continue;
            }
            if (same(values.get(0), values.get(1))) {
                problems.add(at, axis.path(), "LOW and HIGH are the same (" + values.get(0)
                        + "): nothing would vary; give two different values");
                continue;
            }
            out.add(new Variation(axis.path(), values.get(0), values.get(1), String.join(",", axis.values())));
        }
        problems.throwIfAny();
        return List.copyOf(out);
    }

    /** {@code base × (1 + percent/100)} of the scenario's number at {@code path}, exactly in decimal. */
    private static Optional<String> scaled(Node root, String path, String value, String percent, Location at,
            Problems problems) {
        Optional<Node> node = lookup(root, KeyPath.parse(path).orElseThrow());
        if (node.isEmpty() || YamlReader.isNull(node.get())) {
            problems.add(at, path, value + " of what? The scenario gives no value here; give the values instead, "
                    + "e.g. --vary " + path + "=LOW,HIGH");
            return Optional.empty();
        }
        if (!(node.get() instanceof ScalarNode scalar) || scalar.getScalarStyle() != ScalarStyle.PLAIN
                || !YamlReader.NUMBER.matcher(scalar.getValue().trim()).matches()) {
            problems.add(at, path, value + " needs a number, but the scenario has " + YamlReader.describe(node.get())
                    + " here; give the values instead");
            return Optional.empty();
        }
        BigDecimal base = new BigDecimal(scalar.getValue().trim().replaceFirst("^\\+", ""));
        BigDecimal factor = BigDecimal.ONE.add(new BigDecimal(percent).movePointLeft(2));
        BigDecimal result = base.multiply(factor, MathContext.DECIMAL64);
        if (wholeNumbers(path)) {
            result = result.setScale(0, java.math.RoundingMode.HALF_UP);
        }
        result = result.stripTrailingZeros();
        int digits = result.precision() - result.scale(); // digits before the point
        return Optional.of(digits > 15 || digits < -5 ? result.toString() : result.toPlainString());
    }

    /** The last key name of {@code path} ({@code gpus} of {@code sites[0].build-out[1].gpus}). */
    private static String lastKey(String path) {
        List<Step> steps = KeyPath.parse(path).orElseThrow().steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof Key key) {
                return key.name();
            }
        }
        return "";
    }

    /** The node at {@code path}, or empty when the file does not reach it. */
    private static Optional<Node> lookup(Node root, KeyPath path) {
        Node node = root;
        for (Step step : path.steps()) {
            if (step instanceof Key key && node instanceof MappingNode mapping) {
                node = mapping.getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key.name()))
                        .map(NodeTuple::getValueNode).findFirst().orElse(null);
            } else if (step instanceof Index index && node instanceof SequenceNode sequence
                    && index.index() < sequence.getValue().size()) {
                node = sequence.getValue().get(index.index());
            } else {
                node = null;
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** The same text, or the same number written two ways (30 and 30.0). */
    private static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (YamlReader.NUMBER.matcher(a).matches() && YamlReader.NUMBER.matcher(b).matches()) {
            return new BigDecimal(a.replaceFirst("^\\+", "")).compareTo(new BigDecimal(b.replaceFirst("^\\+", ""))) == 0;
        }
        return false;
    }
}
