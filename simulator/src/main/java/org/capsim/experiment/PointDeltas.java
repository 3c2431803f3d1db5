package org.capsim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;

/**
 * A sweep point against the first (sweep.csv's {@code delta}, SPEC 6.4): per policy, each fleet
 * metric's paired difference against the first point's same policy. The points ran from one
 * seed, so replication r of each saw the same random numbers; under {@code --target-ci} points may
 * have run different numbers of replications, and the pairs are those both ran.
 */
public final class PointDeltas {

    private PointDeltas() {
    }

    /** Per policy of {@code point}, metric to its difference against {@code first}. */
    public static List<Map<String, Comparison.Difference>> against(PointResult first, PointResult point) {
        List<Map<String, Comparison.Difference>> out = new ArrayList<>();
        for (int p = 0; p < point.results().size(); p++) {
            List<ReplicationResult> base = first.results().get(p);
            List<ReplicationResult> other = point.results().get(p);
            int n = Math.min(base.size(), other.size());
            Comparison pair = Comparison.of(List.of("first", "point"), List.of(base.subList(0, n), other.subList(0, n)));
            out.add(pair.policies().get(0).metrics());
        }
        return out;
    }
}
