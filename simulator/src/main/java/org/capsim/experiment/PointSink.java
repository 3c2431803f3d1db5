package org.capsim.experiment;

import java.io.IOException;
import java.util.List;

import org.capsim.metrics.ReplicationResult;

/**
 * Where one point's results go (capsim's command line: a report folder): opened before the point
 * runs, given the results, and closed after, whether or not it ran to the end.
 */
public interface PointSink extends AutoCloseable {

    /** The recorders the point's replications write to. */
    Experiment.Recorders recorders();

    /**
     * Per arm, the results of replications 1..k that an interrupted run already completed into
     * this sink (empty when none): they are not run again.
     */
    default List<List<ReplicationResult>> resumed() {
        return List.of();
    }

    /** The point ran to its end. */
    void finish(PointResult result) throws IOException;

    @Override
    void close() throws IOException;

    /** Opens each point's sink. */
    interface Opener {

        /**
         * @param spareCoreForRows whether every replication running at once can have a second
         *                         thread, out of the threads budget, to make its rows into text
         */
        PointSink open(SweepPoint point, boolean spareCoreForRows) throws IOException;
    }
}
