package org.capsim.scenario;

/**
 * One value of a policy's settings block, with its location for error messages.
 *
 * @param value a String, Double, Long or Boolean; anything else (a list or mapping) as {@link Complex}
 */
public record Setting(Object value, Location at) {

    /** A nested list or mapping, which the typed getters do not read. */
    public record Complex(String kind) {
    }
}
