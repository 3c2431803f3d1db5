package org.capsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code --set path=v1,v2,...} option: the values a sweep tries for one key path.
 *
 * @param path   a key path, e.g. {@code routing.rofr.max-start-delay-days}
 * @param values YAML texts, in the order given
 */
public record SweepAxis(String path, List<String> values) {

    public SweepAxis {
        values = List.copyOf(values);
    }

    /**
     * Reads the argument of one {@code --set}: {@code path=values}. Values are separated by commas
     * outside brackets, braces and quotes, so {@code gpus={choice: {1: 0.5, 8: 0.5}}} is one value
     * and {@code x=[1,2],[3]} two; whitespace around each value is dropped.
     *
     * @throws ScenarioException with one problem located at {@code --set argument}
     */
    public static SweepAxis parse(String argument) throws ScenarioException {
        int equals = argument.indexOf('=');
        if (equals < 0) {
            throw problem(argument, "no '='; write --set key.path=value or --set key.path=value1,value2,...");
        }
        String path = argument.substring(0, equals).trim();
        if (path.isEmpty()) {
            throw problem(argument, "no key path before '='");
        }
        Optional<KeyPath> keyPath = KeyPath.parse(path);
        if (keyPath.isEmpty()) {
            throw problem(argument, "'" + path + "' is not a key path; " + KeyPath.RULE);
        }
        String text = argument.substring(equals + 1);
        if (text.isBlank()) {
            throw problem(argument, "no value after '='");
        }
        List<String> values = split(argument, text);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isEmpty()) {
                throw problem(argument, "value " + (i + 1) + " of " + values.size()
                        + " is empty; separate values by single commas, e.g. 7,14,30");
            }
        }
        return new SweepAxis(keyPath.get().toString(), values);
    }

    /** One assignment per value. */
    public List<Assignment> assignments() {
        return values.stream().map(value -> new Assignment(path, value)).toList();
    }

    /** {@code --set path=v1,v2}, for messages. */
    public String label() {
        return Assignment.LABEL_PREFIX + path + "=" + String.join(",", values);
    }

    /**
     * {@code text} split at the commas outside brackets, braces and quotes, each part trimmed.
     * A quote only opens where YAML starts a quoted scalar (first in a value or after
     * {@code [ { , :}), so the apostrophe of {@code it's} is just a character.
     */
    private static List<String> split(String argument, String text) throws ScenarioException {
        List<String> values = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        char before = 0; // the last non-blank character outside quotes, 0 at the start of a value
        int start = 0;
        char outermost = 0; // the bracket or brace that opened depth 1
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"') {
                if (c == '\\') {
                    i++; // an escaped character, maybe a quote
                } else if (c == '"') {
                    quote = 0;
                }
                continue;
            }
            if (quote == '\'') {
                if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++; // '' is a quote inside single quotes
                } else if (c == '\'') {
                    quote = 0;
                }
                continue;
            }
            if ((c == '"' || c == '\'') && (before == 0 || "[{,:".indexOf(before) >= 0)) {
                quote = c;
            } else if (c == '[' || c == '{') {
                if (depth++ == 0) {
                    outermost = c;
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                values.add(text.substring(start, i).trim());
                start = i + 1;
                before = 0;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                before = c;
            }
        }
        if (quote != 0 || depth > 0) {
            String open = quote == '"' ? "a double quote" : quote == '\'' ? "a single quote" : "'" + outermost + "'";
            throw problem(argument, open + " is never closed in '" + text.substring(start).trim() + "'");
        }
        values.add(text.substring(start).trim());
        return values;
    }

    private static ScenarioException problem(String argument, String message) {
        return new ScenarioException(List.of(new Problem(new Location(Assignment.LABEL_PREFIX + argument, 0, 0), "", message)));
    }
}
