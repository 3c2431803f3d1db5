package org.capsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.capsim.experiment.Precision;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.model.Calendar;
import org.capsim.scenario.Scenario;

/** Writes summary.json (SPEC section 4): undefined figures are null, never NaN. */
public final class SummaryJson {

    private static final JsonFactory FACTORY = new JsonFactory();

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

        /**
         * What {@link #read} returns of the summary.json that {@link #write} writes for
         * {@code scenario} and {@code report}, without writing or reading a file: a run draws its
         * charts and page from this, and they equal what {@code capsim report} draws from the
         * folder. JSON holds no NaN or infinity: such a figure is written as null and read back as
         * NaN, and so it is here.
         */
        public static Snapshot of(Scenario scenario, Report report) {
            Map<String, String> providers = new LinkedHashMap<>();
            scenario.providers().forEach((id, provider) -> providers.put(id, provider.name() == null ? id : provider.name()));
            Map<String, String> owners = new LinkedHashMap<>();
            scenario.sites().forEach(site -> owners.put(site.id(), site.provider()));
            Map<String, Double> peaks = new LinkedHashMap<>();
            scenario.gpuTypes().forEach((name, type) -> peaks.put(name, asWritten(type.peakTflops())));
            Header header = new Header(scenario.name(), scenario.description() == null ? "" : scenario.description(),
                    scenario.calendar().start(), scenario.calendar().horizon(), asWritten(scenario.warmupHours() / 24),
                    scenario.scheduling().key(), providers, owners, peaks);
            int replications = report.replications();
            List<Summary> summaries = report.summaries().stream().map(s -> new Summary(replications,
                    estimates(s.metrics()), groups(s.classes()), groups(s.providers()), groups(s.sites()))).toList();
            Precision.Outcome p = report.precision();
            Precision.Outcome precision = p == null ? null
                    : new Precision.Outcome(asWritten(p.target()), asWritten(p.reached()), p.met(), p.maxReplications());
            Comparison c = report.comparison();
            Comparison comparison = c == null ? null : new Comparison(c.baseline(), c.policies().stream()
                    .map(a -> new Comparison.Against(a.policy(), differences(a.metrics()), nested(a.providers(), Snapshot::differences)))
                    .toList());
            return new Snapshot(header, new Report(report.seed(), report.policies(), summaries, comparison, precision,
                    report.overrides()));
        }

        private static double asWritten(double value) {
            return Double.isFinite(value) ? value : Double.NaN;
        }

        private static Map<String, Estimate> estimates(Map<String, Estimate> metrics) {
            Map<String, Estimate> out = new LinkedHashMap<>();
            metrics.forEach((name, e) -> out.put(name, new Estimate(asWritten(e.mean()), asWritten(e.ci95()), e.n())));
            return out;
        }

        private static Map<String, Map<String, Estimate>> groups(Map<String, Map<String, Estimate>> groups) {
            return nested(groups, Snapshot::estimates);
        }

        private static Map<String, Comparison.Difference> differences(Map<String, Comparison.Difference> metrics) {
            Map<String, Comparison.Difference> out = new LinkedHashMap<>();
            metrics.forEach((name, d) -> out.put(name, new Comparison.Difference(asWritten(d.mean()), asWritten(d.ci95()),
                    d.n(), asWritten(d.unpairedCi95()))));
            return out;
        }

        private static <T> Map<String, T> nested(Map<String, T> groups, java.util.function.UnaryOperator<T> each) {
            Map<String, T> out = new LinkedHashMap<>();
            groups.forEach((name, group) -> out.put(name, each.apply(group)));
            return out;
        }
    }

    /**
     * Reads a summary.json that capsim wrote.
     *
     * @throws ReportFormatException when the file is not one (a message naming the file and key)
     */
    public static Snapshot read(Path file) throws IOException, ReportFormatException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile()); // only 'capsim report' reads one back
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

    /**
     * Writes {@code report} as summary.json. Written with Jackson's streaming generator, not a tree
     * through an ObjectMapper: the same bytes, and a run no longer loads and initializes Jackson's
     * data binding (some 350 classes, 0.2 s of CPU on a cold JVM) for one small file.
     */
    public static void write(Path file, Scenario scenario, Report report) throws IOException {
        try (JsonGenerator json = generator(Files.newOutputStream(file))) {
            json.writeStartObject();
            json.writeStringField("scenario", scenario.name());
            json.writeStringField("description", scenario.description());
            json.writeNumberField("seed", report.seed());
            json.writeNumberField("replications", report.replications());
            json.writeStringField("start", scenario.calendar().start().toString());
            json.writeStringField("horizon", scenario.calendar().horizon().toString());
            json.writeNumberField("warmup_days", scenario.warmupHours() / 24);
            json.writeStringField("scheduling", scenario.scheduling().key());
            fleet(json, scenario);
            if (!report.overrides().isEmpty()) {
                json.writeObjectFieldStart("set");
                for (Map.Entry<String, String> e : report.overrides().entrySet()) {
                    json.writeStringField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            if (report.precision() != null) {
                Precision.Outcome p = report.precision();
                json.writeObjectFieldStart("precision");
                json.writeStringField("metric", "wait_h_mean");
                number(json, "target", p.target());
                number(json, "reached", p.reached());
                json.writeBooleanField("met", p.met());
                json.writeNumberField("max_replications", p.maxReplications());
                json.writeEndObject();
            }
            json.writeArrayFieldStart("policies");
            for (int i = 0; i < report.policies().size(); i++) {
                Summary summary = report.summaries().get(i);
                json.writeStartObject();
                json.writeStringField("policy", report.policies().get(i));
                estimates(json, "metrics", summary.metrics());
                groups(json, "classes", summary.classes());
                groups(json, "providers", summary.providers());
                groups(json, "sites", summary.sites());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (report.comparison() != null) {
                comparison(json, report.comparison());
            }
            json.writeEndObject();
        }
    }

    /** A generator that indents as summary.json always has: two spaces, {@code "key" : value}. */
    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
        return json;
    }

    /**
     * Writes a small summary the way {@link #write} does, to nowhere: the generator's first use in
     * a JVM loads and initializes it, which a background thread does early instead.
     */
    public static void warmUp() {
        try (JsonGenerator json = generator(OutputStream.nullOutputStream())) {
            json.writeStartObject();
            json.writeStringField("scenario", "warm-up");
            json.writeNumberField("seed", 1L);
            number(json, "none", Double.NaN);
            json.writeArrayFieldStart("policies");
            json.writeStartObject();
            json.writeObjectFieldStart("metrics");
            estimate(json, "wait_h_mean", 1.5, 0.25, 3);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            // cannot happen on a null stream; and a warm-up's failure changes nothing
        }
    }

    /**
     * What the charts need of the scenario and the folder's CSV files do not say: providers' names,
     * each site's provider, and the GPU types' peak (capacity in PFLOP/s).
     */
    private static void fleet(JsonGenerator json, Scenario scenario) throws IOException {
        json.writeObjectFieldStart("fleet");
        json.writeObjectFieldStart("gpu_types");
        for (var type : scenario.gpuTypes().entrySet()) {
            json.writeObjectFieldStart(type.getKey());
            json.writeNumberField("peak_tflops", type.getValue().peakTflops());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("providers");
        for (var provider : scenario.providers().entrySet()) {
            json.writeObjectFieldStart(provider.getKey());
            json.writeStringField("name", provider.getValue().name());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("sites");
        for (var site : scenario.sites()) {
            json.writeObjectFieldStart(site.id());
            json.writeStringField("provider", site.provider());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void comparison(JsonGenerator json, Comparison comparison) throws IOException {
        json.writeObjectFieldStart("comparison");
        json.writeStringField("baseline", comparison.baseline());
        json.writeStringField("method", "paired differences over common random numbers: policy minus baseline, per replication");
        json.writeArrayFieldStart("policies");
        for (Comparison.Against a : comparison.policies()) {
            json.writeStartObject();
            json.writeStringField("policy", a.policy());
            differences(json, "metrics", a.metrics());
            json.writeObjectFieldStart("providers");
            for (var provider : a.providers().entrySet()) {
                differences(json, provider.getKey(), provider.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void differences(JsonGenerator json, String key, Map<String, Comparison.Difference> metrics) throws IOException {
        json.writeObjectFieldStart(key);
        for (var metric : metrics.entrySet()) {
            Comparison.Difference d = metric.getValue();
            json.writeObjectFieldStart(metric.getKey());
            estimateFields(json, d.mean(), d.ci95(), d.n());
            json.writeBooleanField("excludes_zero", d.excludesZero());
            number(json, "unpaired_ci95", d.unpairedCi95());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void groups(JsonGenerator json, String key, Map<String, Map<String, Estimate>> groups) throws IOException {
        json.writeObjectFieldStart(key);
        for (var group : groups.entrySet()) {
            estimates(json, group.getKey(), group.getValue());
        }
        json.writeEndObject();
    }

    private static void estimates(JsonGenerator json, String key, Map<String, Estimate> metrics) throws IOException {
        json.writeObjectFieldStart(key);
        for (var metric : metrics.entrySet()) {
            Estimate e = metric.getValue();
            estimate(json, metric.getKey(), e.mean(), e.ci95(), e.n());
        }
        json.writeEndObject();
    }

    /** An estimate as summary.json writes it: {@code {mean, ci95, n}}. */
    private static void estimate(JsonGenerator json, String key, double mean, double ci95, int n) throws IOException {
        json.writeObjectFieldStart(key);
        estimateFields(json, mean, ci95, n);
        json.writeEndObject();
    }

    private static void estimateFields(JsonGenerator json, double mean, double ci95, int n) throws IOException {
        number(json, "mean", mean);
        number(json, "ci95", ci95);
        json.writeNumberField("n", n);
    }

    /** A figure, or null where it is undefined (JSON has no NaN). */
    private static void number(JsonGenerator json, String key, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(key, value);
        } else {
            json.writeNullField(key);
        }
    }
}
