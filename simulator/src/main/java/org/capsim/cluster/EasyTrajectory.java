package org.capsim.cluster;

import java.util.Arrays;

/**
 * One EASY replay of an unchanged pool, recorded with a newcomer that never starts, at one place
 * in the queue (behind the levels of its priority and above): what each dispatch pass offered the
 * newcomer's place. Any newcomer at that place sees the same replay until it starts, since a job
 * that does not start changes nothing for the others; so its start is read from the record in a
 * pass per event, without placing the queue again.
 *
 * <p>The record holds while the pool is unchanged (its change count and the marks that order its
 * capacity events) and no event is due at or before the question's instant: the replay's first
 * pass then starts nobody but the newcomer whatever the instant, and every later pass happens at
 * an event's time. Where the newcomer would become the waiting head, its own size decides what
 * may backfill behind it, so the record ends there and the question is replayed.
 */
final class EasyTrajectory {

    /** A pass that ended before the newcomer's place. */
    static final byte PASSED_BY = 0;
    /** A pass that looked at the newcomer's place behind a waiting head (left, shadow, extra). */
    static final byte BEHIND_HEAD = 1;
    /** A pass in which the newcomer's place became the head (left = free GPUs); the record ends. */
    static final byte AT_HEAD = 2;
    /** The answer of a question the replay would give up at its work limit: see {@link #gaveUpAt()}. */
    static final double GIVE_UP = Double.NEGATIVE_INFINITY;

    private long version = -1;
    private long buildOutMark;
    private long reserveMark;
    /** Whether the record can answer at its version (its first pass started no one). */
    private boolean usable;
    private double firstEvent;

    // per pass: 0 is the pass at the question's instant, p >= 1 the pass after event p
    private int passes;
    private double[] times = new double[64];
    private long[] maxFit = new long[64];
    private byte[] kinds = new byte[64];
    private long[] left = new long[64];
    private double[] shadows = new double[64];
    private long[] extras = new long[64];
    /** Whether the replay ended at its work limit after the last pass (else: no events left, or at the head). */
    private boolean givesUp;

    /** Starts a record of the pool at {@code version} and marks; {@code firstEvent} is its first pending event's time. */
    void begin(long version, long buildOutMark, long reserveMark, double firstEvent) {
        this.version = version;
        this.buildOutMark = buildOutMark;
        this.reserveMark = reserveMark;
        this.firstEvent = firstEvent;
        usable = true;
        givesUp = false;
        passes = 0;
    }

    /** The record cannot answer at its version: another pool change will record anew. */
    void unusable() {
        usable = false;
    }

    /** Whether this record was made of the pool at {@code version} and marks. */
    boolean madeOf(long version, long buildOutMark, long reserveMark) {
        return version == this.version && buildOutMark == this.buildOutMark && reserveMark == this.reserveMark;
    }

    /** Whether this record answers a question at {@code now} about the pool it was made of. */
    boolean answersAt(double now) {
        return usable && firstEvent > now;
    }

    /** A new pass, after an event at {@code time} (a capacity event lets no job above {@code maxFit} GPUs stay). */
    void pass(double time, long maxFit) {
        int p = passes++;
        if (p == times.length) {
            int room = 2 * p;
            times = Arrays.copyOf(times, room);
            this.maxFit = Arrays.copyOf(this.maxFit, room);
            kinds = Arrays.copyOf(kinds, room);
            left = Arrays.copyOf(left, room);
            shadows = Arrays.copyOf(shadows, room);
            extras = Arrays.copyOf(extras, room);
        }
        times[p] = time;
        this.maxFit[p] = maxFit;
        kinds[p] = PASSED_BY;
    }

    /** In the current pass, the rule looked at the newcomer's place with {@code left} GPUs, the head's shadow time and extra GPUs. */
    void behindHead(long left, double shadow, long extra) {
        int p = passes - 1;
        kinds[p] = BEHIND_HEAD;
        this.left[p] = left;
        shadows[p] = shadow;
        extras[p] = extra;
    }

    /** In the current pass, the newcomer's place became the head with {@code free} GPUs free. */
    void atHead(long free) {
        int p = passes - 1;
        kinds[p] = AT_HEAD;
        left[p] = free;
    }

    /** The replay gave up at its work limit before the next event. */
    void gaveUp() {
        givesUp = true;
    }

    /** The last instant a replay that gives up reached: the last pass's (the question's own for the first). */
    double gaveUpAt(double now) {
        return passes == 1 ? now : times[passes - 1];
    }

    /**
     * When a newcomer of {@code gpus} held {@code heldHours}, asked at {@code now}, starts (as the
     * replay answers with {@code limit}); {@link #GIVE_UP} when the replay gives up first; NaN when
     * it would become the waiting head, where only a replay tells.
     */
    double startOf(int gpus, double heldHours, double now, double limit) {
        for (int p = 0; p < passes; p++) {
            double time = now;
            if (p > 0) {
                time = times[p];
                if (time > limit) {
                    return time;
                }
                if (gpus > maxFit[p]) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            byte kind = kinds[p];
            if (kind == BEHIND_HEAD) {
                if (gpus <= left[p] && (time + heldHours <= shadows[p] || gpus <= extras[p])) {
                    return time;
                }
            } else if (kind == AT_HEAD) {
                return gpus <= left[p] ? time : Double.NaN;
            }
        }
        return givesUp ? GIVE_UP : Double.POSITIVE_INFINITY;
    }
}
