package org.capsim.demand;

import java.util.List;

/**
 * GPUs a provider holds back for its exclusive serving (e.g. the OpenAI API on Azure): a step
 * curve over time. It brings no jobs; it takes capacity away from training at the provider's
 * pools.
 *
 * @param name     class name, unique in the scenario
 * @param provider provider whose sites hold the reservation
 * @param steps    the curve, ordered by time
 */
public record InferenceClass(String name, String provider, List<Step> steps) {

    /** From {@code hours} (clock hours; at or before 0 means at the start) on, {@code gpus} are reserved. */
    public record Step(double hours, long gpus) {
    }

    public InferenceClass {
        steps = List.copyOf(steps);
    }
}
