package org.capsim.cli;

import java.io.IOException;
import java.util.List;

import org.capsim.experiment.Experiment;
import org.capsim.experiment.PointResult;
import org.capsim.experiment.PointSink;
import org.capsim.metrics.ReplicationResult;
import org.capsim.report.ResumeLog;

/**
 * A point's sink whose {@link ResumeLog} keeps each completed replication, so that a rerun after
 * a kill goes on from there: what the log holds is resumed, the rest goes to {@code recorders}.
 * A run's points write their reports' rows beside it; a sensitivity study's keep none.
 */
final class LoggedSink implements PointSink {

    /** What the point does once its replications are done. */
    interface Finish {
        void finish(PointResult result) throws IOException;
    }

    /** What closes with the log (the point's report writer, or nothing). */
    interface Rest {
        void close() throws IOException;
    }

    private final ResumeLog log;
    private final Experiment.Recorders recorders;
    private final Finish finish;
    private final Rest rest;

    LoggedSink(ResumeLog log, Experiment.Recorders recorders, Finish finish, Rest rest) {
        this.log = log;
        this.recorders = recorders;
        this.finish = finish;
        this.rest = rest;
    }

    @Override
    public List<List<ReplicationResult>> resumed() {
        return log.resumedResults();
    }

    @Override
    public Experiment.Recorders recorders() {
        return recorders;
    }

    @Override
    public void finish(PointResult result) throws IOException {
        finish.finish(result);
    }

    @Override
    public void close() throws IOException {
        try (log) {
            rest.close();
        }
    }
}
