package org.capsim.experiment;

import java.util.List;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;

/** Receives the raw record of one replication (rows of jobs.csv and sites.csv). */
public interface ReplicationRecorder extends AutoCloseable {

    /** A pool's counts may have changed at {@code now}. */
    void poolChanged(Pool pool, double now);

    /** The state of every pool at a sampling instant (with {@code --sample-hours}). */
    void sample(List<Pool> pools, double now);

    /** A job reached its final state (at the end of the replication: running or waiting). */
    void jobEnded(Job job, double now);

    /** The replication ended at {@code end}; flush what is pending. */
    void finish(List<Pool> pools, double end);

    @Override
    void close();

    /** Records nothing. */
    ReplicationRecorder NONE = new ReplicationRecorder() {
        public void poolChanged(Pool pool, double now) {
        }

        public void sample(List<Pool> pools, double now) {
        }

        public void jobEnded(Job job, double now) {
        }

        public void finish(List<Pool> pools, double end) {
        }

        public void close() {
        }
    };
}
