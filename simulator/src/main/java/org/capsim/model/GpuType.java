package org.capsim.model;

/**
 * A hardware generation.
 *
 * @param name       as written in the scenario, e.g. {@code GB200}
 * @param peakTflops dense BF16 peak per GPU, TFLOP/s
 * @param kwPerGpu   all-in facility power per GPU (cooling and network included), kW
 * @param capexUsd   capital cost per GPU in dollars, or NaN when the scenario gives none
 * @param busyFraction share of {@code kwPerGpu} a busy GPU draws (SPEC 6.2)
 * @param idleFraction share of {@code kwPerGpu} an idle powered GPU draws
 */
public record GpuType(String name, double peakTflops, double kwPerGpu, double capexUsd, double busyFraction,
        double idleFraction) {

    /** Default draws: a busy GPU its full {@code kwPerGpu}, an idle one a quarter of it [CALIBRATION 11.6]. */
    public static final double BUSY_FRACTION = 1.0;
    public static final double IDLE_FRACTION = 0.25;

    public GpuType(String name, double peakTflops, double kwPerGpu, double capexUsd) {
        this(name, peakTflops, kwPerGpu, capexUsd, BUSY_FRACTION, IDLE_FRACTION);
    }

    /** Whether the scenario set a draw other than the defaults. */
    public boolean drawGiven() {
        return busyFraction != BUSY_FRACTION || idleFraction != IDLE_FRACTION;
    }

    /** Peak FLOP/s of one GPU. */
    public double peakFlopsPerSecond() {
        return peakTflops * 1e12;
    }

    public boolean hasCapex() {
        return !Double.isNaN(capexUsd);
    }
}
