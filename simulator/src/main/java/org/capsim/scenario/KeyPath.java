package org.capsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key path as problems print it ({@link YamlReader#join}, {@link YamlReader#index}): keys
 * separated by '.', list items by 0-based {@code [i]}, e.g. {@code sites[1].build-out[0].gpus}.
 * Keys holding a '.' (a GPU type named {@code B200.x}) cannot be named; set their parent instead.
 */
record KeyPath(List<Step> steps) {

    /** One step from a node to its child. */
    sealed interface Step permits Key, Index {
    }

    record Key(String name) implements Step {
    }

    record Index(int index) implements Step {
    }

    /** A key with its list indices; nine digits at most, so an index always fits an int. */
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[[0-9]{1,9}\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");

    static final String RULE = "write keys separated by '.' and list items as [0], [1], ...,"
            + " e.g. sites[1].build-out[0].gpus";

    KeyPath {
        steps = List.copyOf(steps);
    }

    /** The path {@code text} names, or empty when it is not a key path. */
    static Optional<KeyPath> parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String segment : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return Optional.empty();
            }
            steps.add(new Key(m.group(1)));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(new Index(Integer.parseInt(index.group(1))));
            }
        }
        return Optional.of(new KeyPath(steps));
    }

    /** The path of the first {@code count} steps, as problems print it ("" for none). */
    String prefix(int count) {
        String path = "";
        for (Step step : steps.subList(0, count)) {
            path = step instanceof Key key ? YamlReader.join(path, key.name()) : YamlReader.index(path, ((Index) step).index());
        }
        return path;
    }

    @Override
    public String toString() {
        return prefix(steps.size());
    }
}
