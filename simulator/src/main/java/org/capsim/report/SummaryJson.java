package org.capsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.scenario.Scenario;

/** Writes summary.json (SPEC section 4): undefined figures are null, never NaN. */
public final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {
    }

    /**
     * @param policy       the policy's short name
     * @param seed         the root seed used
     */
    public static void write(Path file, Scenario scenario, long seed, String policy, Summary summary) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario.name());
        root.put("description", scenario.description());
        root.put("seed", seed);
        root.put("replications", summary.replications());
        root.put("start", scenario.calendar().start().toString());
        root.put("horizon", scenario.calendar().horizon().toString());
        root.put("warmup_days", scenario.warmupHours() / 24);
        ArrayNode policies = root.putArray("policies");
        ObjectNode entry = policies.addObject();
        entry.put("policy", policy);
        entry.set("metrics", estimates(summary.metrics()));
        entry.set("classes", groups(summary.classes()));
        entry.set("providers", groups(summary.providers()));
        entry.set("sites", groups(summary.sites()));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        JSON.writer(printer).writeValue(file.toFile(), root);
    }

    private static ObjectNode groups(Map<String, Map<String, Estimate>> groups) {
        ObjectNode node = JSON.createObjectNode();
        groups.forEach((name, metrics) -> node.set(name, estimates(metrics)));
        return node;
    }

    private static ObjectNode estimates(Map<String, Estimate> metrics) {
        ObjectNode node = JSON.createObjectNode();
        metrics.forEach((name, estimate) -> {
            ObjectNode e = node.putObject(name);
            number(e, "mean", estimate.mean());
            number(e, "ci95", estimate.ci95());
            e.put("n", estimate.n());
        });
        return node;
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
