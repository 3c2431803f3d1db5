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
        if (precision == null) {
            return new Outcome(Experiment.run(scenario, deals, options, 1, options.replications(), recorders, progress), null);
        }
        List<List<ReplicationResult>> results = new ArrayList<>();
        deals.forEach(deal -> results.add(new ArrayList<>()));
        int done = 0;
        int target = precision.initial(options.replications());
        double relative;
        while (true) {
            List<List<ReplicationResult>> batch = Experiment.run(scenario, deals, options, done + 1, target, recorders,
                    progress);
            for (int arm = 0; arm < deals.size(); arm++) {
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
