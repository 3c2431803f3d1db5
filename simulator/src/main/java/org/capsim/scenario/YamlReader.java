package org.capsim.scenario;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed, located reads from a YAML node tree. Every read that fails records a problem at the
 * offending node and returns null, so the caller can go on and find the file's other problems.
 */
final class YamlReader {

    static final Pattern NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private final String file;
    private final Problems problems;

    YamlReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    String file() {
        return file;
    }

    Problems problems() {
        return problems;
    }

    /** Where {@code node} is: a line of the file, or the {@code --set} option that put it there. */
    Location at(Node node) {
        Optional<Mark> mark = node.getStartMark();
        if (mark.isPresent() && Assignment.isLabel(mark.get().getName())) {
            return new Location(mark.get().getName(), 0, 0); // no file line to show: the option is the place
        }
        return YamlFile.location(file, mark);
    }

    void problem(Node node, String path, String message) {
        problems.add(at(node), path, message);
    }

    /** A mapping with its keys checked (scalar, no duplicates), or null. */
    Mapping mapping(Node node, String path) {
        if (!(node instanceof MappingNode mappingNode)) {
            problem(node, path, "expected a mapping (key: value lines), got " + describe(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar) || isNull(key)) {
                problem(key, path, "a key must be a plain name, got " + describe(key));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(scalar.getValue(), tuple);
            if (first != null) {
                int firstLine = at(first.getKeyNode()).line(); // 0 in a --set value: no line to show
                problem(key, join(path, scalar.getValue()), "duplicate key"
                        + (firstLine > 0 ? " (first given at line " + firstLine + ")" : ""));
            }
        }
        return new Mapping(node, path, entries);
    }

    /** The items of a sequence, or null. */
    List<Node> sequence(Node node, String path) {
        if (!(node instanceof SequenceNode sequenceNode)) {
            problem(node, path, "expected a list (lines starting with '- '), got " + describe(node));
            return null;
        }
        return sequenceNode.getValue();
    }

    /** A non-empty scalar's text, or null. */
    String text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, "expected a text, got " + describe(node));
            return null;
        }
        if (isNull(node)) {
            problem(node, path, "missing value");
            return null;
        }
        return scalar.getValue();
    }

    /** A text matching {@code pattern}, or null. */
    String name(Node node, String path, Pattern pattern, String rule) {
        String text = text(node, path);
        if (text != null && !pattern.matcher(text).matches()) {
            problem(node, path, "'" + text + "' is not a valid name: " + rule);
            return null;
        }
        return text;
    }

    /** A finite number in [min, max], or null. */
    Double number(Node node, String path, double min, double max) {
        return number(node, path, min, false, max);
    }

    /** A finite number above {@code min} (or at least, unless {@code minExclusive}) and at most {@code max}, or null. */
    Double number(Node node, String path, double min, boolean minExclusive, double max) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, "expected a number, got " + describe(node));
            return null;
        }
        if (isNull(node)) {
            problem(node, path, "missing value: expected a number");
            return null;
        }
        String text = scalar.getValue().trim();
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            problem(node, path, "expected a number, got the quoted text \"" + text + "\" (remove the quotes)");
            return null;
        }
        if (NOT_FINITE.matcher(text).matches()) {
            problem(node, path, "must be a finite number, got " + text);
            return null;
        }
        if (!NUMBER.matcher(text).matches()) {
            problem(node, path, "expected a number, got '" + text + "'");
            return null;
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            problem(node, path, "the number " + text + " is too large");
            return null;
        }
        if (value < min || (minExclusive && value == min)) {
            problem(node, path, "must be " + (minExclusive ? "more than " : "at least ") + BlockSettings.plain(min)
                    + ", got " + text);
            return null;
        }
        if (value > max) {
            problem(node, path, "must be at most " + BlockSettings.plain(max) + ", got " + text);
            return null;
        }
        return value;
    }

    /** A whole number in [min, max], or null. */
    Long integer(Node node, String path, long min, long max) {
        Double value = number(node, path, Math.max(min, -9.0e18), Math.min(max, 9.0e18));
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value)) {
            problem(node, path, "must be a whole number, got " + ((ScalarNode) node).getValue().trim());
            return null;
        }
        return value.longValue();
    }

    /** A calendar date (YYYY-MM-DD), or null. */
    LocalDate date(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            problem(node, path, "'" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2025-01-21");
            return null;
        }
    }

    /** One of {@code allowed}, or null. */
    String choice(Node node, String path, Collection<String> allowed) {
        String text = text(node, path);
        if (text != null && !allowed.contains(text)) {
            problem(node, path, "unknown value '" + text + "'; expected one of: " + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
                && NULLS.contains(scalar.getValue().trim());
    }

    /** How a node reads to a planner: "a list", "the text 'abc'", ... */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "an empty value";
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        if (value.length() > 40) {
            value = value.substring(0, 37) + "...";
        }
        if (scalar.getScalarStyle() == ScalarStyle.PLAIN && NUMBER.matcher(value.trim()).matches()) {
            return "the number " + value;
        }
        return "the text '" + value + "'";
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /**
     * A mapping being read: remembers which keys were read, so unknown ones can be reported.
     */
    final class Mapping {
        private final Node node;
        private final String path;
        private final Map<String, NodeTuple> entries;
        private final Set<String> read = new HashSet<>();

        Mapping(Node node, String path, Map<String, NodeTuple> entries) {
            this.node = node;
            this.path = path;
            this.entries = entries;
        }

        Node node() {
            return node;
        }

        String path() {
            return path;
        }

        String path(String key) {
            return join(path, key);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        /** The value of {@code key}, or null when absent. */
        Node get(String key) {
            read.add(key);
            NodeTuple tuple = entries.get(key);
            return tuple == null ? null : tuple.getValueNode();
        }

        /** The value of {@code key}, or null after reporting it missing. */
        Node require(String key) {
            Node value = get(key);
            if (value == null) {
                problem(node, path, "missing required key '" + key + "'");
            }
            return value;
        }

        Node keyNode(String key) {
            NodeTuple tuple = entries.get(key);
            return tuple == null ? node : tuple.getKeyNode();
        }

        List<String> keys() {
            return List.copyOf(entries.keySet());
        }

        /** Reports every key not read, suggesting the closest known one. */
        void rejectUnknownKeys() {
            List<String> known = new ArrayList<>(read);
            known.sort(null);
            for (String key : entries.keySet()) {
                if (!read.contains(key)) {
                    String suggestion = closest(key, known);
                    problem(keyNode(key), path(key), "unknown key"
                            + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                            + (known.isEmpty() ? "" : " (known keys: " + String.join(", ", known) + ")"));
                }
            }
        }
    }

    /** The known word nearest to {@code word} by edit distance, if close enough to be a typo. */
    static String closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, word.length() / 3)) {
            return best;
        }
        // a shortened key ("min-frac", "cancel-prob"): the one known key it begins
        List<String> longer = known.stream().filter(k -> word.length() >= 3
                && k.toLowerCase(java.util.Locale.ROOT).startsWith(word.toLowerCase(java.util.Locale.ROOT))).toList();
        return longer.size() == 1 ? longer.get(0) : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
