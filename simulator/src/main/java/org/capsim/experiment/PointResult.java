package org.capsim.experiment;

import java.util.List;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;

/**
 * A point of a study, run.
 *
 * @param summaries    per policy (in the point's order), its summary over the replications
 * @param comparison   the policies after the first against the first, or null for one policy
 * @param replications replications run per policy
 * @param precision    how {@code --target-ci} ended, or null without it
 * @param events       events simulated, over every replication of every policy
 * @param results      per policy, its replications' figures in replication order (for differences
 *                     against another point, which saw the same random numbers)
 */
public record PointResult(SweepPoint point, List<Summary> summaries, Comparison comparison, int replications,
        Precision.Outcome precision, long events, List<List<ReplicationResult>> results) {

    public PointResult {
        summaries = List.copyOf(summaries);
        results = List.copyOf(results);
    }
}
