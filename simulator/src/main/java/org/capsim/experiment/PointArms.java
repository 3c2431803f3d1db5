package org.capsim.experiment;

import java.util.List;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;

/**
 * Points of a study compared as the arms of one comparison (a sensitivity's base and its varied
 * points, or several scenario files): every point ran replications 1..n from the same seed, so
 * replication r of each saw the same random numbers wherever their scenarios agree (streams are
 * named by class and site), and the paired differences of {@link Comparison} apply across points.
 *
 * @param labels    each arm's name, the baseline first
 * @param summaries per arm, its summary
 * @param comparison every arm after the first against the first
 */
public record PointArms(List<String> labels, List<Summary> summaries, Comparison comparison) {

    public PointArms {
        labels = List.copyOf(labels);
        summaries = List.copyOf(summaries);
    }

    /**
     * @param results one per arm, each of one policy, all over the same replications
     * @param labels  their names, in the same order
     */
    public static PointArms of(List<PointResult> results, List<String> labels) {
        if (results.size() != labels.size()) {
            throw new IllegalArgumentException("one label per point");
        }
        List<List<ReplicationResult>> arms = results.stream().map(r -> r.results().get(0)).toList();
        return new PointArms(labels, results.stream().map(r -> r.summaries().get(0)).toList(), Comparison.of(labels, arms));
    }
}
