package org.capsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.capsim.experiment.Precision;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.model.Calendar;
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

    /**
     * What a report's summary.json says of its scenario (besides the figures), for the charts
     * and the page.
     *
     * @param warmupDays  days at the start left out of the statistics
     * @param scheduling  the pools' scheduling discipline key, e.g. {@code fifo}
     * @param providers   provider id to its display name, in the scenario's order
     * @param siteOwners  site id to its provider id, in the scenario's order
     * @param peakTflops  GPU type to its peak TFLOP/s
     */
    public record Header(String name, String description, LocalDate start, LocalDate horizon, double warmupDays,
            String scheduling, Map<String, String> providers, Map<String, String> siteOwners,
            Map<String, Double> peakTflops) {

        /** The report's calendar. */
        public Calendar calendar() {
            return new Calendar(start, horizon);
        }
    }

    /** A report's summary.json, read back. */
    public record Snapshot(Header header, Report report) {
    }

    /**
     * Reads a summary.json that capsim wrote.
     *
     * @throws ReportFormatException when the file is not one (a message naming the file and key)
     */
    public static Snapshot read(Path file) throws IOException, ReportFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ReportFormatException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        Reader in = new Reader(file);
        if (root == null || !root.isObject()) {
            throw new ReportFormatException(file + ": not a capsim summary (expected a JSON object)");
        }
        Map<String, String> providers = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, Double> peaks = new LinkedHashMap<>();
        JsonNode fleet = root.path("fleet");
        fleet.path("providers").properties().forEach(e -> providers.put(e.getKey(), e.getValue().path("name").asText(e.getKey())));
        fleet.path("sites").properties().forEach(e -> owners.put(e.getKey(), e.getValue().path("provider").asText("")));
        fleet.path("gpu_types").properties().forEach(e -> peaks.put(e.getKey(), e.getValue().path("peak_tflops").asDouble(Double.NaN)));
        Header header = new Header(in.text(root, "scenario"), root.path("description").asText(""),
                in.date(root, "start"), in.date(root, "horizon"), root.path("warmup_days").asDouble(0),
                root.path("scheduling").asText(""), providers, owners, peaks);
        List<String> labels = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        JsonNode policies = in.array(root, "policies");
        for (JsonNode policy : policies) {
            labels.add(in.text(policy, "policy"));
            summaries.add(new Summary(root.path("replications").asInt(0), in.estimates(policy.path("metrics")),
                    in.groups(policy.path("classes")), in.groups(policy.path("providers")), in.groups(policy.path("sites"))));
        }
        if (labels.isEmpty()) {
            throw new ReportFormatException(file + ": policies: empty");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        root.path("set").properties().forEach(e -> overrides.put(e.getKey(), e.getValue().asText()));
        Precision.Outcome precision = null;
        JsonNode p = root.path("precision");
        if (p.isObject()) {
            precision = new Precision.Outcome(in.number(p.path("target")), in.number(p.path("reached")),
                    p.path("met").asBoolean(), p.path("max_replications").asInt());
        }
        Comparison comparison = root.has("comparison") ? in.comparison(root.path("comparison")) : null;
        return new Snapshot(header, new Report(root.path("seed").asLong(), labels, summaries, comparison, precision, overrides));
    }

    /** Reads the parts of summary.json, saying which key is missing. */
    private record Reader(Path file) {

        String text(JsonNode node, String key) throws ReportFormatException {
            JsonNode value = node.get(key);
            if (value == null || !value.isTextual()) {
                throw new ReportFormatException(file + ": " + key + ": missing or not a text");
            }
            return value.asText();
        }

        LocalDate date(JsonNode node, String key) throws ReportFormatException {
            String text = text(node, key);
            try {
                return LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new ReportFormatException(file + ": " + key + ": not a date (yyyy-mm-dd): " + text);
            }
        }

        JsonNode array(JsonNode node, String key) throws ReportFormatException {
            JsonNode value = node.get(key);
            if (value == null || !value.isArray()) {
                throw new ReportFormatException(file + ": " + key + ": missing or not a list");
            }
            return value;
        }

        double number(JsonNode value) {
            return value.isNumber() ? value.asDouble() : Double.NaN; // null is how NaN is written
        }

        Map<String, Estimate> estimates(JsonNode node) {
            Map<String, Estimate> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(),
                    new Estimate(number(e.getValue().path("mean")), number(e.getValue().path("ci95")), e.getValue().path("n").asInt())));
            return out;
        }

        Map<String, Map<String, Estimate>> groups(JsonNode node) {
            Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), estimates(e.getValue())));
            return out;
        }

        Map<String, Comparison.Difference> differences(JsonNode node) {
            Map<String, Comparison.Difference> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), new Comparison.Difference(number(e.getValue().path("mean")),
                    number(e.getValue().path("ci95")), e.getValue().path("n").asInt(), number(e.getValue().path("unpaired_ci95")))));
            return out;
        }

        Comparison comparison(JsonNode node) throws ReportFormatException {
            List<Comparison.Against> against = new ArrayList<>();
            for (JsonNode policy : array(node, "policies")) {
                Map<String, Map<String, Comparison.Difference>> providers = new LinkedHashMap<>();
                policy.path("providers").properties().forEach(e -> providers.put(e.getKey(), differences(e.getValue())));
                against.add(new Comparison.Against(text(policy, "policy"), differences(policy.path("metrics")), providers));
            }
            return new Comparison(text(node, "baseline"), against);
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
        root.put("scheduling", scenario.scheduling().key());
        root.set("fleet", fleet(scenario));
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
        JSON.writer(printer()).writeValue(file.toFile(), root);
    }

    private static DefaultPrettyPrinter printer() {
        return new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }

    /**
     * Writes a small tree the way {@link #write} does, to nowhere. Jackson's first tree written
     * in a JVM loads and initializes its serializers: 0.2 s that a run spent after its last
     * replication, before the charts; a background thread does it early instead.
     */
    public static void warmUp() {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", "warm-up");
        root.put("seed", 1L);
        root.putNull("none");
        root.putArray("policies").addObject().putObject("metrics").put("wait_h_mean", 1.5);
        try {
            JSON.writer(printer()).writeValue(java.io.OutputStream.nullOutputStream(), root);
        } catch (IOException e) {
            // cannot happen on a null stream; and a warm-up's failure changes nothing
        }
    }

    /**
     * What the charts need of the scenario and the folder's CSV files do not say: providers' names,
     * each site's provider, and the GPU types' peak (capacity in PFLOP/s).
     */
    private static ObjectNode fleet(Scenario scenario) {
        ObjectNode fleet = JSON.createObjectNode();
        ObjectNode types = fleet.putObject("gpu_types");
        scenario.gpuTypes().forEach((name, type) -> types.putObject(name).put("peak_tflops", type.peakTflops()));
        ObjectNode providers = fleet.putObject("providers");
        scenario.providers().forEach((id, provider) -> providers.putObject(id).put("name", provider.name()));
        ObjectNode sites = fleet.putObject("sites");
        scenario.sites().forEach(site -> sites.putObject(site.id()).put("provider", site.provider()));
        return fleet;
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
