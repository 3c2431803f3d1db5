package org.capsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.capsim.experiment.Precision;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.scenario.Scenario;

/** Writes summary.json (SPEC section 4): undefined figures are null, never NaN. */
public final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {
    }

    /**
     * What a report says beyond the scenario.
     *
     * @param seed       the root seed used
     * @param policies   the policies' labels, in order
     * @param summaries  per policy, its summary (all over the same replications)
     * @param comparison paired differences against the first policy, or null for a single policy
     * @param precision  how {@code --target-ci} ended, or null without it
     * @param overrides  the {@code --set} values of a sweep point (key path to value), in order; empty otherwise
     */
    public record Report(long seed, List<String> policies, List<Summary> summaries, Comparison comparison,
            Precision.Outcome precision, Map<String, String> overrides) {

        public Report {
            policies = List.copyOf(policies);
            summaries = List.copyOf(summaries);
            overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
            if (policies.size() != summaries.size() || policies.isEmpty()) {
                throw new IllegalArgumentException("one summary per policy");
            }
        }

        /** Replications run per policy. */
        public int replications() {
            return summaries.get(0).replications();
        }
    }

    public static void write(Path file, Scenario scenario, Report report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario.name());
        root.put("description", scenario.description());
        root.put("seed", report.seed());
        root.put("replications", report.replications());
        root.put("start", scenario.calendar().start().toString());
        root.put("horizon", scenario.calendar().horizon().toString());
        root.put("warmup_days", scenario.warmupHours() / 24);
        if (!report.overrides().isEmpty()) {
            ObjectNode set = root.putObject("set");
            report.overrides().forEach(set::put);
        }
        if (report.precision() != null) {
            Precision.Outcome p = report.precision();
            ObjectNode node = root.putObject("precision");
            node.put("metric", "wait_h_mean");
            number(node, "target", p.target());
            number(node, "reached", p.reached());
            node.put("met", p.met());
            node.put("max_replications", p.maxReplications());
        }
        ArrayNode policies = root.putArray("policies");
        for (int i = 0; i < report.policies().size(); i++) {
            Summary summary = report.summaries().get(i);
            ObjectNode entry = policies.addObject();
            entry.put("policy", report.policies().get(i));
            entry.set("metrics", estimates(summary.metrics()));
            entry.set("classes", groups(summary.classes()));
            entry.set("providers", groups(summary.providers()));
            entry.set("sites", groups(summary.sites()));
        }
        if (report.comparison() != null) {
            root.set("comparison", comparison(report.comparison()));
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        JSON.writer(printer).writeValue(file.toFile(), root);
    }

    private static ObjectNode comparison(Comparison comparison) {
        ObjectNode node = JSON.createObjectNode();
        node.put("baseline", comparison.baseline());
        node.put("method", "paired differences over common random numbers: policy minus baseline, per replication");
        ArrayNode against = node.putArray("policies");
        for (Comparison.Against a : comparison.policies()) {
            ObjectNode entry = against.addObject();
            entry.put("policy", a.policy());
            entry.set("metrics", differences(a.metrics()));
            ObjectNode providers = entry.putObject("providers");
            a.providers().forEach((name, metrics) -> providers.set(name, differences(metrics)));
        }
        return node;
    }

    private static ObjectNode differences(Map<String, Comparison.Difference> metrics) {
        ObjectNode node = JSON.createObjectNode();
        metrics.forEach((name, d) -> {
            ObjectNode e = estimate(node.putObject(name), d.mean(), d.ci95(), d.n());
            e.put("excludes_zero", d.excludesZero());
            number(e, "unpaired_ci95", d.unpairedCi95());
        });
        return node;
    }

    private static ObjectNode groups(Map<String, Map<String, Estimate>> groups) {
        ObjectNode node = JSON.createObjectNode();
        groups.forEach((name, metrics) -> node.set(name, estimates(metrics)));
        return node;
    }

    private static ObjectNode estimates(Map<String, Estimate> metrics) {
        ObjectNode node = JSON.createObjectNode();
        metrics.forEach((name, e) -> estimate(node.putObject(name), e.mean(), e.ci95(), e.n()));
        return node;
    }

    /** An estimate as summary.json writes it: {@code mean, ci95, n}. */
    private static ObjectNode estimate(ObjectNode node, double mean, double ci95, int n) {
        number(node, "mean", mean);
        number(node, "ci95", ci95);
        node.put("n", n);
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
