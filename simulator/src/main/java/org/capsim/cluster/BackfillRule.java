package org.capsim.cluster;

/**
 * The EASY backfill rule for one dispatch pass, shared by the pool's scheduler ({@link EasyBackfill})
 * and the start estimates that replay it ({@link EasyStarts}), so that the two never disagree.
 * While the head waits for its shadow time, a job behind it starts now when it fits in the GPUs
 * left free and either ends by the shadow time or takes only extra GPUs (those the head will not
 * need at its shadow time).
 */
final class BackfillRule {

    private double now;
    private double shadow;
    private long left;
    private long extra;
    private int started;

    /** Whether a pass should look behind a head that could not start: another job waits and GPUs are free. */
    static boolean worthTrying(boolean othersWait, long margin) {
        return othersWait && margin > 0;
    }

    /** Begins a pass at {@code now} with {@code free} GPUs, the head's {@code shadow} time and the {@code extra} GPUs then. */
    void begin(double now, long free, double shadow, long extra) {
        this.now = now;
        this.left = free;
        this.shadow = shadow;
        this.extra = extra;
        this.started = 0;
    }

    /** Whether the next job in queue order, of {@code gpus} GPUs held {@code heldHours}, starts now; if so it takes its GPUs. */
    boolean admits(int gpus, double heldHours) {
        if (gpus > left) {
            return false;
        }
        boolean endsInTime = now + heldHours <= shadow;
        if (!endsInTime && gpus > extra) {
            return false;
        }
        if (!endsInTime) {
            extra -= gpus;
        }
        left -= gpus;
        started++;
        return true;
    }

    /** Whether no more job can start in this pass: every job needs at least one GPU. */
    boolean full() {
        return left <= 0;
    }

    double shadow() {
        return shadow;
    }

    /** GPUs still free in this pass. */
    long left() {
        return left;
    }

    /** Extra GPUs still left at the shadow time. */
    long extra() {
        return extra;
    }

    /** Jobs admitted since {@link #begin}. */
    int started() {
        return started;
    }
}
