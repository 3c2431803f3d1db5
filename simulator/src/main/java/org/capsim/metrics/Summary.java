package org.capsim.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every metric of a run over its replications (mean, 95 % half width, n), in the order and
 * grouping of summary.json.
 */
public record Summary(int replications, Map<String, Estimate> metrics, Map<String, Map<String, Estimate>> classes,
        Map<String, Map<String, Estimate>> providers, Map<String, Map<String, Estimate>> sites) {

    /** Aggregates replication results (in replication order). */
    public static Summary of(List<ReplicationResult> results) {
        return new Summary(results.size(), flat(results, ReplicationResult::metrics),
                nested(results, ReplicationResult::classes), nested(results, ReplicationResult::providers),
                nested(results, ReplicationResult::sites));
    }

    private static Map<String, Estimate> flat(List<ReplicationResult> results,
            Function<ReplicationResult, Map<String, Double>> part) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        if (results.isEmpty()) {
            return out;
        }
        for (String key : part.apply(results.get(0)).keySet()) {
            double[] values = results.stream().mapToDouble(r -> part.apply(r).get(key)).toArray();
            out.put(key, Estimate.of(values));
        }
        return out;
    }

    private static Map<String, Map<String, Estimate>> nested(List<ReplicationResult> results,
            Function<ReplicationResult, Map<String, Map<String, Double>>> part) {
        Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
        if (results.isEmpty()) {
            return out;
        }
        for (String group : part.apply(results.get(0)).keySet()) {
            out.put(group, flat(results, r -> part.apply(r).get(group)));
        }
        return out;
    }
}
