package org.capsim.scenario;

import java.util.Objects;

/**
 * One {@code path=value} given on the command line ({@code --set}), applied to a scenario file
 * before it is validated, so every rule of the file applies to the value too.
 *
 * @param path  a key path as problems print it, e.g. {@code sites[1].build-out[0].gpus}
 * @param value YAML text: a scalar, or a flow list or mapping, e.g. {@code {lognormal: {median: 5, sigma: 1}}}
 */
public record Assignment(String path, String value) {

    /** Starts every {@link #label()}: how a node's mark tells it came from the command line. */
    static final String LABEL_PREFIX = "--set ";

    public Assignment {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
    }

    /** {@code --set path=value}: the "file" of the problems located in this assignment. */
    public String label() {
        return LABEL_PREFIX + path + "=" + value;
    }

    static boolean isLabel(String name) {
        return name != null && name.startsWith(LABEL_PREFIX);
    }
}
