package org.capsim.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * A policy's typed settings: the scenario block {@code routing.<name>}. Every getter validates
 * and reports problems (with file, line and key) itself, returning the default so validation
 * can go on and report every problem of the file at once.
 */
public interface PolicySettings {

    /** Path of the block in the scenario, e.g. {@code routing.rofr}. */
    String path();

    boolean has(String key);

    /** A number in [min, max]; {@code defaultValue} when absent. */
    double number(String key, double defaultValue, double min, double max);

    /** A number in [min, max] that must be present. */
    double requiredNumber(String key, double min, double max);

    /** A string; {@code defaultValue} (may be null) when absent. */
    String text(String key, String defaultValue);

    /** One of {@code allowed}; {@code defaultValue} when absent. */
    String oneOf(String key, String defaultValue, List<String> allowed);

    /** A provider id of the scenario; {@code defaultValue} (may be null) when absent. */
    String provider(String key, String defaultValue);

    /** Reports a problem with {@code key} (or the block itself when key is null). */
    void problem(String key, String message);

    /**
     * The date this policy comes into force: the date of the first {@code routing.phases} entry
     * naming it, else the scenario's start (null when the start could not be read).
     */
    LocalDate inForceFrom();

    /** Facts about the scenario, for cross-checks. */
    ScenarioFacts scenario();

    /** Another policy's block (e.g. {@code rofr}), read-only; it is validated by its own policy. */
    PolicySettings sibling(String policyName);
}
