package org.capsim.experiment;

import java.util.ArrayList;
import java.util.List;

import org.capsim.metrics.ReplicationResult;

/**
 * A runner that resumes: replications a killed run completed come back from what it kept, and
 * only the rest run, on the runner beneath (threads or a cluster alike). Batches of
 * {@code --target-ci} ask for the same replications in the same order, so they resume too.
 *
 * @param done per arm, the results of replications 1..k already completed, in order
 */
record Resumed(ReplicationRunner runner, List<List<ReplicationResult>> done) implements ReplicationRunner {

    /** {@code runner} itself when nothing is resumed. */
    static ReplicationRunner over(ReplicationRunner runner, List<List<ReplicationResult>> done) {
        return done.isEmpty() || done.get(0).isEmpty() ? runner : new Resumed(runner, done);
    }

    @Override
    public List<List<ReplicationResult>> run(SweepPoint point, int first, int last, Experiment.Recorders recorders,
            Experiment.Progress progress) {
        int kept = done.get(0).size();
        if (first > kept) {
            return runner.run(point, first, last, recorders, progress);
        }
        int end = Math.min(last, kept);
        double hours = point.scenario().endHours();
        for (int replication = first; replication <= end; replication++) {
            for (int arm = 0; arm < done.size(); arm++) {
                progress.started(arm, replication, () -> hours);
                progress.finished(arm, replication);
            }
        }
        List<List<ReplicationResult>> results = new ArrayList<>();
        for (List<ReplicationResult> arm : done) {
            results.add(new ArrayList<>(arm.subList(first - 1, end)));
        }
        if (last > kept) {
            List<List<ReplicationResult>> rest = runner.run(point, kept + 1, last, recorders, progress);
            for (int arm = 0; arm < results.size(); arm++) {
                results.get(arm).addAll(rest.get(arm));
            }
        }
        return results.stream().map(List::copyOf).toList();
    }
}
