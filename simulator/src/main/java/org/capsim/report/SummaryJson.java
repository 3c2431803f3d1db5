package org.capsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.capsim.experiment.Precision;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Summary;
import org.capsim.model.Calendar;
import org.capsim.scenario.Scenario;
import org.capsim.trace.JsonSyntax;

/**
 * Writes and reads summary.json (SPEC section 4) through {@link SummaryDocument}, its schema:
 * undefined figures are null, never NaN.
 */
public final class SummaryJson {

    private static final String NOT_A_SUMMARY = "not a capsim summary (expected a JSON object)";

    /** Keys in snake_case; a text must be a JSON string; keys added by a later version are passed over. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withCoercionConfig(LogicalType.Textual, texts -> texts.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(Figure.module())
            .build();

    /** Indented as summary.json always has been: two spaces, {@code "key" : value}, lists on one line. */
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

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
     * @param deal       what the arm labelled {@code deal} ran (the scenario's routing in words, e.g. {@code rofr
     *                   from 2025-01-21, commitment from 2025-10-28}), or null when no arm is
     * @param provenance what made the report, or null (a report written without the command line)
     */
    public record Report(long seed, List<String> policies, List<Summary> summaries, Comparison comparison,
            Precision.Outcome precision, Map<String, String> overrides, String deal, Provenance provenance) {

        /** A report without provenance. */
        public Report(long seed, List<String> policies, List<Summary> summaries, Comparison comparison,
                Precision.Outcome precision, Map<String, String> overrides, String deal) {
            this(seed, policies, summaries, comparison, precision, overrides, deal, null);
        }

        /** A report without an arm labelled {@code deal}. */
        public Report(long seed, List<String> policies, List<Summary> summaries, Comparison comparison,
                Precision.Outcome precision, Map<String, String> overrides) {
            this(seed, policies, summaries, comparison, precision, overrides, null);
        }

        public Report {
            policies = List.copyOf(policies);
            summaries = List.copyOf(summaries);
            overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
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
     * @param draws       GPU type to its draw, in a report of a scenario that reports power (empty otherwise)
     */
    public record Header(String name, String description, LocalDate start, LocalDate horizon, double warmupDays,
            String scheduling, Map<String, String> providers, Map<String, String> siteOwners,
            Map<String, Double> peakTflops, Map<String, GpuDraw> draws) {

        /** The report's calendar. */
        public Calendar calendar() {
            return new Calendar(start, horizon);
        }
    }

    /**
     * What a GPU type draws (SPEC 6.2), for recomputing a site's draw from sites.csv.
     *
     * @param kwPerGpu     all-in facility kW of a GPU at full load
     * @param busyFraction share of it a busy (or reserved) GPU draws
     * @param idleFraction share an idle powered GPU draws
     */
    public record GpuDraw(double kwPerGpu, double busyFraction, double idleFraction) {

        /** MW drawn by {@code active} busy or reserved GPUs and {@code idle} idle powered ones. */
        public double megawatts(double active, double idle) {
            return (active * kwPerGpu * busyFraction + idle * kwPerGpu * idleFraction) / 1000;
        }
    }

    /** A report's summary.json, read back. */
    public record Snapshot(Header header, Report report) {

        /**
         * What {@link #read} returns of the summary.json that {@link #write} writes for
         * {@code scenario} and {@code report}, without a file or the mapper: a run draws its
         * charts and page from this, and they equal what {@code capsim report} draws from the
         * folder.
         */
        public static Snapshot of(Scenario scenario, Report report) {
            try {
                return SummaryDocument.of(scenario, report).snapshot();
            } catch (ReportFormatException e) {
                throw new IllegalStateException("summary.json as written does not read back: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads a summary.json that capsim wrote.
     *
     * @throws ReportFormatException when the file is not one (a message naming the file and key)
     */
    public static Snapshot read(Path file) throws IOException, ReportFormatException {
        SummaryDocument document;
        try {
            document = MAPPER.readValue(file.toFile(), SummaryDocument.class);
        } catch (MismatchedInputException e) {
            throw new ReportFormatException(file + ": " + mismatch(e));
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(file + JsonSyntax.where(e) + ": not valid JSON: " + JsonSyntax.problem(e));
        }
        if (document == null) {
            throw new ReportFormatException(file + ": " + NOT_A_SUMMARY);
        }
        try {
            return document.snapshot();
        } catch (ReportFormatException e) {
            throw new ReportFormatException(file + ": " + e.getMessage());
        }
    }

    /** Writes {@code report} as summary.json. */
    public static void write(Path file, Scenario scenario, Report report) throws IOException {
        WRITER.writeValue(file.toFile(), SummaryDocument.of(scenario, report));
    }

    /**
     * Where the file holds the wrong kind of value, and what was expected there, e.g.
     * "policies[0].policy: missing or not a text".
     */
    static String mismatch(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        if (path.isEmpty()) {
            return NOT_A_SUMMARY;
        }
        Class<?> type = e.getTargetType();
        if (type == String.class) {
            return path + ": missing or not a text";
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return path + ": missing or not a list";
        }
        if (type == boolean.class || type == Boolean.class) {
            return path + ": missing or not true or false";
        }
        if (type != null && (type.isPrimitive() || Number.class.isAssignableFrom(type))) {
            return path + ": missing or not a number";
        }
        // a record or map of summary.json's own: the parser's message names Java types, not the file
        return path + ": not what summary.json holds here (an object { ... } of its keys)";
    }

    /**
     * A double as a JSON number in {@link Num#shortest} digits (the same on every JDK), or null
     * where it is undefined (JSON has no NaN); null reads back as NaN.
     */
    static final class Figure extends StdSerializer<Double> {

        Figure() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                json.writeNumber(Num.shortest(value));
            } else {
                json.writeNull();
            }
        }

        static SimpleModule module() {
            return new SimpleModule("summary-figures").addSerializer(double.class, new Figure())
                    .addSerializer(Double.class, new Figure())
                    .addDeserializer(double.class, new NumberDeserializers.DoubleDeserializer(double.class, Double.NaN))
                    .addDeserializer(Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, Double.NaN));
        }
    }
}
