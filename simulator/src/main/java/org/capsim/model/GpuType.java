package org.capsim.model;

/**
 * A hardware generation.
 *
 * @param name       as written in the scenario, e.g. {@code GB200}
 * @param peakTflops dense BF16 peak per GPU, TFLOP/s
 * @param kwPerGpu   all-in facility power per GPU (cooling and network included), kW
 * @param capexUsd   capital cost per GPU in dollars, or NaN when the scenario gives none
 */
public record GpuType(String name, double peakTflops, double kwPerGpu, double capexUsd) {

    /** Peak FLOP/s of one GPU. */
    public double peakFlopsPerSecond() {
        return peakTflops * 1e12;
    }

    public boolean hasCapex() {
        return !Double.isNaN(capexUsd);
    }
}
