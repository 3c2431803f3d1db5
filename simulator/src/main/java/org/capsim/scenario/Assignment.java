package org.capsim.scenario;

import java.util.Objects;

/**
 * One {@code path=value} given on the command line ({@code --set}), applied to a scenario file
 * before it is validated, so every rule of the file applies to the value too.
 *
 * @param path  a key path as problems print it, e.g. {@code sites[1].build-out[0].gpus}
 * @param value YAML text: a scalar, or a flow list or mapping, e.g. {@code {lognormal: {median: 5, sigma: 1}}}
 * @param option the command-line option that gave it, {@code --set} or {@code --vary}: problems name it
 */
public record Assignment(String path, String value, String option) {

    /** Starts every {@link #label()} of a {@code --set}: how a node's mark tells it came from the command line. */
    static final String LABEL_PREFIX = "--set ";
    /** Starts the label of a sensitivity study's {@code --vary} value. */
    static final String VARY_PREFIX = "--vary ";

    public Assignment {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(option, "option");
    }

    /** A {@code --set} value. */
    public Assignment(String path, String value) {
        this(path, value, LABEL_PREFIX.trim());
    }

    /** {@code --set path=value}: the "file" of the problems located in this assignment. */
    public String label() {
        return option + " " + path + "=" + value;
    }

    static boolean isLabel(String name) {
        return name != null && (name.startsWith(LABEL_PREFIX) || name.startsWith(VARY_PREFIX));
    }
}
