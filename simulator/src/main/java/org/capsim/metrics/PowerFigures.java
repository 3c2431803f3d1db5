package org.capsim.metrics;

import java.util.Map;

/**
 * One replication's power figures (SPEC 6.2), fleet-wide, per provider and per site: energy, its
 * cost and carbon, the peak draw, stranded and idle GPU-hours.
 */
public record PowerFigures(Map<String, Double> fleet, Map<String, Map<String, Double>> providers,
        Map<String, Map<String, Double>> sites) {
}
