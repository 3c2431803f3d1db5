package org.capsim.model;

import java.util.List;

/**
 * A site's power (SPEC 6.2): what it can feed, and what its energy costs and emits.
 *
 * @param steps           energized MW over time, in date order; empty when every installed GPU is powered
 * @param usdPerMwh       electricity price, or null when the scenario gives none
 * @param gco2PerKwh      grid carbon intensity, or null when the scenario gives none
 */
public record SitePower(List<PowerStep> steps, StepCurve usdPerMwh, StepCurve gco2PerKwh) {

    /** A site whose every installed GPU is powered, with no price or intensity given. */
    public static final SitePower UNLIMITED = new SitePower(List.of(), null, null);

    public SitePower {
        steps = List.copyOf(steps);
    }

    /** Whether the site caps its GPUs by energized power. */
    public boolean capped() {
        return !steps.isEmpty();
    }

    /** Whether the scenario says anything of this site's power. */
    public boolean given() {
        return capped() || usdPerMwh != null || gco2PerKwh != null;
    }
}
