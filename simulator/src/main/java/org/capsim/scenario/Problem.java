package org.capsim.scenario;

/**
 * One problem in an input file.
 *
 * @param at      where
 * @param path    key path in the scenario, e.g. {@code sites[1].build-out[0].gpu-type}; empty for the whole file
 * @param message what is wrong, and where possible what would be right
 */
public record Problem(Location at, String path, String message) {

    /** {@code file:line:column: key.path: message}. */
    @Override
    public String toString() {
        return path.isEmpty() ? at + ": " + message : at + ": " + path + ": " + message;
    }
}
