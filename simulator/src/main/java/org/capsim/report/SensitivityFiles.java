package org.capsim.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.capsim.experiment.Morris;
import org.capsim.experiment.Sensitivity;
import org.capsim.trace.JsonSyntax;

/**
 * A sensitivity study's files (SPEC 6.4): sensitivity.csv, a row per key and metric, and
 * summary.json with the same rows under {@code "sensitivity"} beside what was run; the charts and
 * page are drawn from summary.json, so {@code capsim report} redraws them.
 */
public final class SensitivityFiles {

    /** sensitivity.csv's columns, as SPEC 6.4 names them. */
    public static final List<String> COLUMNS = List.of("key", "low", "high", "metric", "base_mean", "low_mean",
            "high_mean", "low_delta", "low_delta_ci95", "high_delta", "high_delta_ci95");

    /**
     * What summary.json holds: the run, then the rows (figures JSON cannot hold are null): of a
     * one-at-a-time study under {@code "sensitivity"}, of a screening ({@code --morris}) under
     * {@code "morris"} with its trajectories.
     */
    public record Document(@JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance, String scenario,
            String description, String policy, long seed, int replications,
            String method, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Sensitivity.Row> sensitivity,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer trajectories,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Morris.Effect> morris) {

        public Document {
            sensitivity = sensitivity == null ? List.of() : List.copyOf(sensitivity);
            morris = morris == null ? List.of() : List.copyOf(morris);
        }

        public Sensitivity study() {
            return new Sensitivity(sensitivity);
        }

        /** The screening, or null for a one-at-a-time study. */
        public Morris screening() {
            return trajectories == null ? null : new Morris(trajectories, morris);
        }
    }

    /** morris.csv's columns. */
    public static final List<String> MORRIS_COLUMNS = List.of("key", "low", "high", "metric", "mu_star", "mu", "sigma",
            "r");

    /** How a screening's effects are taken. */
    public static final String MORRIS_METHOD = "elementary effects (Morris): r trajectories over " + Morris.LEVELS
            + " levels of each key's LOW..HIGH, one key moved 2 levels at a time; effect = change of the metric's mean "
            + "per range moved; mu_star = mean |effect|, sigma = its standard deviation; every run on common random "
            + "numbers";

    /** How the deltas are taken, said in the file so it reads on its own. */
    public static final String METHOD = "one key at a time, the others at base; low_delta = low - base and "
            + "high_delta = high - base per replication on common random numbers; ci95: 95 % half width";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(SummaryJson.Figure.module())
            .build();

    private SensitivityFiles() {
    }

    /** Writes sensitivity.csv (or morris.csv for a screening) and summary.json into {@code dir}. */
    public static void write(Path dir, Document document) throws IOException {
        boolean screening = document.screening() != null;
        try (Writer writer = Files.newBufferedWriter(dir.resolve(screening ? "morris.csv" : "sensitivity.csv"),
                StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            csv.printRecord(screening ? MORRIS_COLUMNS : COLUMNS);
            for (Sensitivity.Row r : document.sensitivity()) {
                csv.printRecord(r.key(), r.low(), r.high(), r.metric(), Num.format(r.baseMean()), Num.format(r.lowMean()),
                        Num.format(r.highMean()), Num.format(r.lowDelta()), Num.format(r.lowDeltaCi95()),
                        Num.format(r.highDelta()), Num.format(r.highDeltaCi95()));
            }
            for (Morris.Effect e : document.morris()) {
                csv.printRecord(e.key(), e.low(), e.high(), e.metric(), Num.format(e.muStar()), Num.format(e.mu()),
                        Num.format(e.sigma()), Integer.toString(e.r()));
            }
        }
        MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
                .writeValue(dir.resolve("summary.json").toFile(), document);
    }

    /** Whether {@code dir} holds a sensitivity study (and not a run's report). */
    public static boolean isStudy(Path dir) {
        return Files.isRegularFile(dir.resolve("sensitivity.csv")) || Files.isRegularFile(dir.resolve("morris.csv"));
    }

    /** Reads summary.json back. */
    public static Document read(Path dir) throws IOException, ReportFormatException {
        Path file = dir.resolve("summary.json");
        try {
            Document document = MAPPER.readValue(file.toFile(), Document.class);
            if (document == null || document.scenario() == null) {
                throw new ReportFormatException(file + ": not the summary of a sensitivity study (no \"scenario\")");
            }
            return document;
        } catch (MismatchedInputException e) {
            throw new ReportFormatException(file + ": not the summary of a sensitivity study: " + SummaryJson.mismatch(e));
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(file + JsonSyntax.where(e) + ": not valid JSON: " + JsonSyntax.problem(e));
        }
    }
}
