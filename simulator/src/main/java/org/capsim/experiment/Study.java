package org.capsim.experiment;

import java.util.ArrayList;
import java.util.List;

import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;

/**
 * The replications a report needs: a fixed number of every policy, or, with a {@link Precision},
 * batches of replications until the mean wait is precise enough. Every batch continues the
 * replication numbers, so results are the same as one run of the final number.
 */
public final class Study {

    /** Told when a batch beyond the first is added (for a progress display). */
    public interface Growth {
        void added(int replications);

        Growth NONE = replications -> {
        };
    }

    /**
     * @param results   per policy, its results in replication order
     * @param precision how the precision rule ended, or null when there was none
     */
    public record Outcome(List<List<ReplicationResult>> results, Precision.Outcome precision) {

        public int replications() {
            return results.get(0).size();
        }
    }

    private Study() {
    }

    /**
     * @param precision null for exactly {@code options.replications()} replications
     */
    public static Outcome run(Scenario scenario, List<Deal> deals, RunOptions options, Precision precision,
            Experiment.Recorders recorders, Experiment.Progress progress, Growth growth) {
        return run(deals.size(), options, precision,
                (first, last) -> Experiment.run(scenario, deals, options, first, last, recorders, progress), growth);
    }

    /**
     * The replications of {@code point}, run where {@code runner} runs them.
     *
     * @param precision null for exactly the point's replications
     */
    public static Outcome run(SweepPoint point, Precision precision, ReplicationRunner runner,
            Experiment.Recorders recorders, Experiment.Progress progress, Growth growth) {
        return run(point.deals().size(), point.options(), precision,
                (first, last) -> runner.run(point, first, last, recorders, progress), growth);
    }

    /** Replications first..last of every arm, per arm in replication order. */
    private interface Batch {
        List<List<ReplicationResult>> run(int first, int last);
    }

    private static Outcome run(int arms, RunOptions options, Precision precision, Batch batches, Growth growth) {
        if (precision == null) {
            return new Outcome(batches.run(1, options.replications()), null);
        }
        List<List<ReplicationResult>> results = new ArrayList<>();
        for (int arm = 0; arm < arms; arm++) {
            results.add(new ArrayList<>());
        }
        int done = 0;
        int target = precision.initial(options.replications());
        double relative;
        while (true) {
            List<List<ReplicationResult>> batch = batches.run(done + 1, target);
            for (int arm = 0; arm < arms; arm++) {
                results.get(arm).addAll(batch.get(arm));
            }
            done = target;
            List<Summary> summaries = results.stream().map(Summary::of).toList();
            relative = Precision.relativeHalfWidth(summaries);
            boolean hopeless = summaries.stream().anyMatch(s -> s.metrics().get(Precision.METRIC).n() == 0);
            int next = hopeless ? done : precision.next(done, relative);
            if (next == done) {
                break;
            }
            growth.added(next - done);
            target = next;
        }
        List<List<ReplicationResult>> frozen = results.stream().map(List::copyOf).toList();
        return new Outcome(frozen, precision.outcome(relative));
    }
}
