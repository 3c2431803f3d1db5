package org.capsim.cluster;

/**
 * What the rest of the model learns from a pool. Called synchronously; implementations must not
 * change the pool.
 */
public interface PoolListener {

    /** The pool's counts (installed, busy, queue) may have changed at the current time. */
    void poolChanged(Pool pool);

    /** The pool's planned GPU count changed (a tranche came or retired). */
    default void capacityChanged(Pool pool) {
    }

    /** A job started in the pool. */
    void jobStarted(Job job);

    /** A job completed, or was rejected because the pool's shrinking capacity can never fit it. */
    void jobEnded(Job job);
}
