package org.capsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

import org.capsim.experiment.ReplicationRecorder;
import org.capsim.metrics.Summary;
import org.capsim.scenario.Scenario;

/**
 * Assembles a report folder: replications stream their rows into part files, which are joined in
 * replication order into jobs.csv and sites.csv; then summary.json and a copy of the scenario.
 */
public final class ReportWriter {

    private static final String PARTS = "parts";

    private final ReportFolder folder;
    private final Scenario scenario;
    private final String policy;
    private final double sampleHours;

    public ReportWriter(ReportFolder folder, Scenario scenario, String policy, double sampleHours) {
        this.folder = folder;
        this.scenario = scenario;
        this.policy = policy;
        this.sampleHours = sampleHours;
    }

    /** Opens the recorder of replication r, writing its part files. */
    public IntFunction<ReplicationRecorder> recorders() {
        Path parts = folder.dir().resolve(PARTS);
        try {
            Files.createDirectories(parts);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        // Created once here, not per replication: a late recorder must never re-create a report
        // folder that a failed run has already deleted.
        return replication -> {
            try {
                return new CsvRecorder(jobsPart(parts, replication), sitesPart(parts, replication), policy, replication,
                        scenario.calendar(), sampleHours > 0);
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        };
    }

    private UncheckedIOException cannotWrite(IOException e) {
        return new UncheckedIOException("cannot write the report in " + folder.dir() + ": " + e.getMessage(), e);
    }

    /** Writes the final files of a run of {@code replications} replications. */
    public void finish(int replications, long seed, Summary summary, Path scenarioFile) throws IOException {
        Path dir = folder.dir();
        Path parts = dir.resolve(PARTS);
        join(dir.resolve("jobs.csv"), CsvRecorder.JOBS_HEADER, parts, replications, true);
        join(dir.resolve("sites.csv"), CsvRecorder.SITES_HEADER, parts, replications, false);
        ReportFolder.deleteTree(parts);
        SummaryJson.write(dir.resolve("summary.json"), scenario, seed, policy, summary);
        Files.copy(scenarioFile, dir.resolve("scenario.yaml"));
    }

    private static void join(Path target, String header, Path parts, int replications, boolean jobs) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (int r = 1; r <= replications; r++) {
                Path part = jobs ? jobsPart(parts, r) : sitesPart(parts, r);
                Files.copy(part, out);
            }
        }
    }

    private static Path jobsPart(Path parts, int replication) {
        return parts.resolve(String.format("jobs-%06d.csv", replication));
    }

    private static Path sitesPart(Path parts, int replication) {
        return parts.resolve(String.format("sites-%06d.csv", replication));
    }
}
