package org.capsim.record;

import java.util.List;

/**
 * Receives the raw record of one replication (the rows of jobs.csv and sites.csv), as immutable
 * records, on the replication's thread.
 */
public interface ReplicationRecorder extends AutoCloseable {

    /** A pool's counts may have changed at the sample's time. */
    void poolChanged(PoolSample sample);

    /** Every pool's state at a sampling instant (with {@code --sample-hours}). */
    void sample(List<PoolSample> pools);

    /** A job reached its final state (at the end of the replication: running or waiting). */
    void jobEnded(JobRecord job);

    /** The replication ended: every pool's state at the horizon; flush what is pending. */
    void finish(List<PoolSample> pools);

    @Override
    void close();

    /** Records nothing. */
    ReplicationRecorder NONE = new ReplicationRecorder() {
        public void poolChanged(PoolSample sample) {
        }

        public void sample(List<PoolSample> pools) {
        }

        public void jobEnded(JobRecord job) {
        }

        public void finish(List<PoolSample> pools) {
        }

        public void close() {
        }
    };
}
