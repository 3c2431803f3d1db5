package org.capsim.bench;

/**
 * A timed process: its wall time from start to exit and the largest heap in use before a
 * collection, from its GC log (0 when it kept none).
 */
record Timed(double seconds, long peakHeapMb) {

    /** The faster of two runs ({@code best} may be null): on a shared machine the least disturbed. */
    static Timed faster(Timed best, Timed next) {
        return best == null || next.seconds() < best.seconds() ? next : best;
    }
}
