package org.capsim.report;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.experiment.Experiment;
import org.capsim.metrics.ReplicationResult;
import org.capsim.record.JobRecord;
import org.capsim.record.PoolSample;
import org.capsim.record.ReplicationRecorder;
import org.capsim.report.data.ChartFeed;
import org.capsim.report.data.ReportData;
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
    /** The charts' data gathered as rows are written; null when no charts are drawn. */
    private final ChartFeed feed;
    /** What summary.json says, once {@link #finish} wrote it (volatile: finish sets it outside the lock). */
    private volatile SummaryJson.Snapshot written;
    private final boolean writerThreads;
    /** Where completed replications are kept for a rerun to resume from; null for none. */
    private final ResumeLog log;
    /** Charts are drawn but the rows of resumed replications were not gathered: they read the files back. */
    private final boolean readBack;
    /** The columns the scenario adds to jobs.csv and sites.csv. */
    private final CsvRecorder.Extra extra;
    /** Parts finished but not yet appended, by sequence number. */
    private final BitSet finished = new BitSet();
    /** The next part to append. */
    private int next;
    /** Whether a part is writing straight into the final files now. */
    private boolean direct;
    private boolean closed;

    /**
     * @param dir      the report's folder (created if missing)
     * @param policies the policies' labels, in the order of the experiment's arms
     * @param charts   whether charts will be drawn: their data is then gathered from the rows as
     *                 they are written, not read back from the files
     * @param writerThreads whether each replication's rows are made into text on a thread of its
     *                 own, beside the simulation (when the run leaves a core spare for each)
     */
    public ReportWriter(Path dir, Scenario scenario, List<String> policies, double sampleHours, boolean charts,
            boolean writerThreads) throws IOException {
        this(dir, scenario, policies, sampleHours, charts, writerThreads, null);
    }

    /**
     * @param log where completed replications are kept; the replications it already holds are
     *            resumed: jobs.csv and sites.csv are cut back to their lengths after them (a
     *            killed run may have written more) and continue from there
     */
    public ReportWriter(Path dir, Scenario scenario, List<String> policies, double sampleHours, boolean charts,
            boolean writerThreads, ResumeLog log) throws IOException {
        this.dir = dir;
        this.log = log;
        int resumed = log == null ? 0 : log.resumedReplications();
        this.readBack = charts && resumed > 0;
        this.parts = dir.resolve(PARTS);
        this.scenario = scenario;
        this.policies = List.copyOf(policies);
        this.sampleHours = sampleHours;
        this.writerThreads = writerThreads;
        // warm-up in days and peaks as summary.json says them, so the figures match a read-back
        Map<String, Double> peaks = new LinkedHashMap<>();
        scenario.gpuTypes().forEach((name, type) -> peaks.put(name, type.peakTflops()));
        this.feed = charts && !readBack ? new ChartFeed(scenario.calendar(), scenario.warmupHours() / 24, peaks) : null;
        // Created once here, not per replication: a late recorder must never re-create a report
        // folder that a failed run has already deleted.
        Files.createDirectories(parts);
        this.extra = new CsvRecorder.Extra(scenario.limitsDemand(), scenario.reportsPower());
        if (resumed > 0) {
            this.jobs = reopen(dir.resolve("jobs.csv"), log.jobsBytes());
            this.sites = reopen(dir.resolve("sites.csv"), log.sitesBytes());
            this.next = resumed * this.policies.size();
        } else {
            this.jobs = open(dir.resolve("jobs.csv"), extra.jobsHeader());
            this.sites = open(dir.resolve("sites.csv"), extra.sitesHeader());
        }
    }

    /** A file cut back to {@code length}, to append to. */
    private static OutputStream reopen(Path file, long length) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            if (channel.size() < length) {
                throw new IOException(file + " is shorter than the replications it should hold");
            }
            channel.truncate(length);
        }
        return new BufferedOutputStream(Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND), 1 << 16);
    }

    private static OutputStream open(Path file, String header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * Opens the recorder of replication r (from 1) of arm a (from 0). A part that is next in line
     * when it starts (always the first; with one thread, every one) writes straight into jobs.csv
     * and sites.csv, since nothing can be appended before it; the others write part files that are
     * appended in order. This spares copying the whole report once.
     */
    public Experiment.Recorders recorders() {
        return new Experiment.Recorders() {
            @Override
            public ReplicationRecorder open(int arm, int replication) {
                return openPart(arm, replication);
            }

            @Override
            public void rows(int arm, int replication, byte[] jobsRows, byte[] sitesRows) {
                appendRows((replication - 1) * policies.size() + arm, jobsRows, sitesRows);
            }

            @Override
            public void finished(int arm, ReplicationResult result) {
                if (log != null) {
                    try {
                        log.result(arm, result);
                    } catch (IOException e) {
                        throw cannotWrite(e);
                    }
                }
            }
        };
    }

    private ReplicationRecorder openPart(int arm, int replication) {
        int sequence = (replication - 1) * policies.size() + arm;
        String policy = policies.get(arm);
        ChartFeed.Replication fed = feed == null ? null : feed.replication(sequence, policy, replication);
        try {
            synchronized (this) {
                if (sequence == next && !direct && !closed) {
                    direct = true;
                    return new Part(sequence, new CsvRecorder(unclosable(jobs), unclosable(sites), policy, replication,
                            scenario.calendar(), sampleHours > 0, fed, writerThreads, extra), true, fed);
                }
            }
            return new Part(sequence, new CsvRecorder(jobsPart(sequence), sitesPart(sequence), policy, replication,
                    scenario.calendar(), sampleHours > 0, fed, writerThreads, extra), false, fed);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * A replication's rows made elsewhere by {@link #rowRecorder}: written as its part files and
     * appended in order like any part. The charts then read the finished files back (their data
     * is not gathered from these rows), byte for byte the same.
     */
    private void appendRows(int sequence, byte[] jobsRows, byte[] sitesRows) {
        try {
            Files.write(jobsPart(sequence), jobsRows);
            Files.write(sitesPart(sequence), sitesRows);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        partFinished(sequence);
    }

    /**
     * A recorder that makes one replication's rows into the text of its jobs.csv and sites.csv
     * part, as a report of {@code scenario} would, into the given streams (closed with it): for a
     * replication run away from the report (a cluster's executor), whose rows the report's
     * {@link Experiment.Recorders#rows} then takes.
     */
    public static ReplicationRecorder rowRecorder(Scenario scenario, String policy, int replication, double sampleHours,
            OutputStream jobsRows, OutputStream sitesRows) {
        return new CsvRecorder(jobsRows, sitesRows, policy, replication, scenario.calendar(), sampleHours > 0, null, false,
                new CsvRecorder.Extra(scenario.limitsDemand(), scenario.reportsPower()));
    }

    /** A stream into a final file that flushes, but does not close it, when the part closes. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** A replication's recorder: its part is appended only when the replication finished. */
    private final class Part implements ReplicationRecorder {
        private final int sequence;
        private final CsvRecorder csv;
        /** Written straight into the final files (no part files to append). */
        private final boolean inPlace;
        private final ChartFeed.Replication fed;
        private boolean complete;

        Part(int sequence, CsvRecorder csv, boolean inPlace, ChartFeed.Replication fed) {
            this.sequence = sequence;
            this.csv = csv;
            this.inPlace = inPlace;
            this.fed = fed;
        }

        @Override
        public void poolChanged(PoolSample sample) {
            csv.poolChanged(sample);
        }

        @Override
        public void sample(List<PoolSample> pools) {
            csv.sample(pools);
        }

        @Override
        public void jobEnded(JobRecord job) {
            csv.jobEnded(job);
        }

        @Override
        public void finish(List<PoolSample> pools) {
            csv.finish(pools);
            complete = true;
        }

        @Override
        public void close() {
            csv.close();
            if (complete && fed != null) {
                fed.finished();
            }
            if (inPlace) {
                inPlaceFinished(sequence, complete);
            } else if (complete) {
                partFinished(sequence);
            }
        }
    }

    /** A part written in place is done: its rows are already in the files; append what waits behind it. */
    private synchronized void inPlaceFinished(int sequence, boolean complete) {
        direct = false;
        if (closed || !complete) {
            return; // the run failed and the folder is going away
        }
        next = sequence + 1;
        logged();
        appendReady();
    }

    private synchronized void partFinished(int sequence) {
        if (closed) {
            return; // the run failed and the folder is going away
        }
        finished.set(sequence);
        appendReady();
    }

    /** When the rows of a whole replication (every policy) are now in the files: logs their lengths. */
    private void logged() {
        if (log == null || next % policies.size() != 0 || next == 0) {
            return;
        }
        try {
            // written out first: the lengths logged must be on disk (a kill keeps what the OS has)
            jobs.flush();
            sites.flush();
            log.rowsWritten(next / policies.size(), Files.size(dir.resolve("jobs.csv")),
                    Files.size(dir.resolve("sites.csv")));
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Appends, in order, every finished part from the next one on. */
    private void appendReady() {
        try {
            while (finished.get(next)) {
                finished.clear(next);
                append(jobsPart(next), jobs);
                append(sitesPart(next), sites);
                next++;
                logged();
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
        written = SummaryJson.Snapshot.of(scenario, report);
        Files.writeString(dir.resolve("scenario.yaml"), scenarioText, StandardCharsets.UTF_8);
    }

    /**
     * The data of the report's page and charts, after {@link #finish}: summary.json as written,
     * and the series gathered from the rows written (none when charts were not asked for). Null
     * when the series do not cover every part appended: the charts then read the files back.
     */
    public ReportData chartData() throws ReportFormatException {
        synchronized (this) {
            if (written == null || !closed) {
                return null;
            }
            if (readBack) {
                return null;
            }
            if (feed == null) {
                return ReportData.summaryOnly(dir, written);
            }
            if (feed.gathered() != next) {
                return null;
            }
        }
        return feed.data(dir, written);
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
