package org.capsim.policy;

import java.util.List;

/** A read-only view of one pool: the GPUs of one type at one site. */
public interface PoolView {

    /** Whether the pool schedules with EASY backfill (else strict FIFO). */
    default boolean backfills() {
        return false;
    }

    /** Position in {@link FleetView#pools()}. */
    int index();

    String site();

    String provider();

    String gpuType();

    /** Dense BF16 peak per GPU, TFLOP/s. */
    double peakTflops();

    double pricePerGpuHour();

    /** The grid carbon intensity in force now at the pool's site, gCO2/kWh; NaN when the scenario gives none. */
    default double gridGco2PerKwh() {
        return Double.NaN;
    }

    int installed();

    int busy();

    /** Free GPUs, able to start a job now. */
    int free();

    /** GPUs held back now for the provider's exclusive inference (never counted as free). */
    int reserved();

    int queuedJobs();

    long queuedGpus();

    /** The most GPUs training is believed to get here from now on: build-out less inference reservations. */
    long maxFutureInstalled();

    /**
     * Build-out steps still to come, as the provider believes them: a late tranche is expected
     * at once, a cancelled one disappears once its date has passed.
     */
    List<UpcomingTranche> upcomingTranches();

    /** A build-out step: {@code gpus} added (negative: retired) at {@code time} hours. */
    record UpcomingTranche(double time, int gpus) {
    }
}
