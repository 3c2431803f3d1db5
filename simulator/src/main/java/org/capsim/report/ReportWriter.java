package org.capsim.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.ReplicationRecorder;
import org.capsim.scenario.Scenario;

/**
 * Writes one report (a run, or one point of a sweep) into a folder: each replication of each
 * policy streams its rows into part files; a finished part is appended to jobs.csv and sites.csv
 * as soon as every part before it is finished, and deleted. Rows go out replication by
 * replication, the policies in the order given within each, whatever order the threads finish
 * in: memory never holds more than the running replications' state, and disk never much more
 * than the final files.
 */
public final class ReportWriter implements AutoCloseable {

    private static final String PARTS = "parts";

    private final Path dir;
    private final Path parts;
    private final Scenario scenario;
    private final List<String> policies;
    private final double sampleHours;
    private final OutputStream jobs;
    private final OutputStream sites;
    /** Parts finished but not yet appended, by sequence number. */
    private final BitSet finished = new BitSet();
    /** The next part to append. */
    private int next;
    private boolean closed;

    /**
     * @param dir      the report's folder (created if missing)
     * @param policies the policies' labels, in the order of the experiment's arms
     */
    public ReportWriter(Path dir, Scenario scenario, List<String> policies, double sampleHours) throws IOException {
        this.dir = dir;
        this.parts = dir.resolve(PARTS);
        this.scenario = scenario;
        this.policies = List.copyOf(policies);
        this.sampleHours = sampleHours;
        // Created once here, not per replication: a late recorder must never re-create a report
        // folder that a failed run has already deleted.
        Files.createDirectories(parts);
        this.jobs = open(dir.resolve("jobs.csv"), CsvRecorder.JOBS_HEADER);
        this.sites = open(dir.resolve("sites.csv"), CsvRecorder.SITES_HEADER);
    }

    private static OutputStream open(Path file, String header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Opens the recorder of replication r (from 1) of arm a (from 0), writing its part files. */
    public Experiment.Recorders recorders() {
        return (arm, replication) -> {
            int sequence = (replication - 1) * policies.size() + arm;
            try {
                return new Part(sequence, new CsvRecorder(jobsPart(sequence), sitesPart(sequence), policies.get(arm),
                        replication, scenario.calendar(), sampleHours > 0));
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        };
    }

    /** A replication's recorder: its part is appended only when the replication finished. */
    private final class Part implements ReplicationRecorder {
        private final int sequence;
        private final CsvRecorder csv;
        private boolean complete;

        Part(int sequence, CsvRecorder csv) {
            this.sequence = sequence;
            this.csv = csv;
        }

        @Override
        public void poolChanged(Pool pool, double now) {
            csv.poolChanged(pool, now);
        }

        @Override
        public void sample(List<Pool> pools, double now) {
            csv.sample(pools, now);
        }

        @Override
        public void jobEnded(Job job, double now) {
            csv.jobEnded(job, now);
        }

        @Override
        public void finish(List<Pool> pools, double end) {
            csv.finish(pools, end);
            complete = true;
        }

        @Override
        public void close() {
            csv.close();
            if (complete) {
                partFinished(sequence);
            }
        }
    }

    private synchronized void partFinished(int sequence) {
        if (closed) {
            return; // the run failed and the folder is going away
        }
        finished.set(sequence);
        try {
            while (finished.get(next)) {
                finished.clear(next);
                append(jobsPart(next), jobs);
                append(sitesPart(next), sites);
                next++;
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private static void append(Path part, OutputStream out) throws IOException {
        Files.copy(part, out);
        Files.delete(part);
    }

    /**
     * Completes jobs.csv and sites.csv after {@code replications} replications of every policy,
     * then writes summary.json and the scenario as run.
     *
     * @param scenarioText the scenario file's text, written as scenario.yaml
     */
    public void finish(int replications, SummaryJson.Report report, String scenarioText) throws IOException {
        synchronized (this) {
            if (next != replications * policies.size()) {
                throw new IllegalStateException("report parts missing: " + next + " of " + replications * policies.size()
                        + " appended");
            }
            closed = true;
            jobs.close();
            sites.close();
        }
        ReportFolder.deleteTree(parts);
        SummaryJson.write(dir.resolve("summary.json"), scenario, report);
        Files.writeString(dir.resolve("scenario.yaml"), scenarioText, StandardCharsets.UTF_8);
    }

    /** Releases the files of a run that failed (the caller deletes the folder). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream j = jobs; OutputStream s = sites) {
            // closing only
        } catch (IOException e) {
            // the report is being discarded; nothing to save
        }
    }

    /** The sequence's part files. */
    private Path jobsPart(int sequence) {
        return parts.resolve(String.format("jobs-%08d.csv", sequence));
    }

    private Path sitesPart(int sequence) {
        return parts.resolve(String.format("sites-%08d.csv", sequence));
    }

    private UncheckedIOException cannotWrite(IOException e) {
        return new UncheckedIOException("cannot write the report in " + dir + ": " + e.getMessage(), e);
    }
}
