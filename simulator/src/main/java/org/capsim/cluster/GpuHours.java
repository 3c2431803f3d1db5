package org.capsim.cluster;

/**
 * The GPU-hours of one pool in the measured period: busy, available to training (installed less
 * reserved) and held for inference. Counts are constant between the pool's changes, so each
 * change adds the hours since the last one at the counts that held over them.
 */
final class GpuHours {

    private final double measureFrom;
    private double lastChange;
    private double busy;
    private double training;
    private double reserved;

    /** @param measureFrom start of the measured period; hours before it are not counted */
    GpuHours(double measureFrom) {
        this.measureFrom = measureFrom;
    }

    /** Starts counting at {@code now}. */
    void open(double now) {
        lastChange = now;
    }

    /** Adds the hours up to {@code now} at the counts of {@code capacity}; call before they change. */
    void accumulate(double now, Capacity capacity) {
        double from = Math.max(lastChange, measureFrom);
        if (now > from) {
            int held = capacity.reserved();
            busy += capacity.busy() * (now - from);
            training += (capacity.installed() - held - capacity.stranded()) * (now - from);
            reserved += held * (now - from);
        }
        lastChange = Math.max(lastChange, now);
    }

    double busy() {
        return busy;
    }

    double training() {
        return training;
    }

    double reserved() {
        return reserved;
    }
}
