package org.capsim.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.capsim.metrics.ReplicationResult;

/**
 * One report's completed replications, kept in its run's work folder so that a rerun after a kill
 * resumes after them: a line per replication (every policy of it), written once its rows are in
 * jobs.csv and sites.csv and its results are known, holding the two files' lengths then and the
 * results. A line is Base64 of the fields and a CRC-32 of them; reading stops at the first line
 * that is cut short or does not check, so a kill in the middle of a write loses only that line.
 */
public final class ResumeLog implements AutoCloseable {

    /** Bumped when the encoding changes: an older log is then not read (nothing resumes). */
    private static final int FORMAT = 1;
    /** The files' lengths a rowless log writes: it keeps no rows. */
    private static final long[] NO_ROWS = {0, 0};

    private final Path file;
    private final int arms;
    private final OutputStream out;
    /** Per arm, the results of the replications resumed, in replication order. */
    private final List<List<ReplicationResult>> resumed;
    private final long jobsBytes;
    private final long sitesBytes;
    /** Whether the report keeps no rows (a sensitivity study): a line waits for the results alone. */
    private final boolean rowless;
    /** Replications whose line is written. */
    private int logged;
    /** Per replication beyond those logged: the files' lengths once its rows are written. */
    private final Map<Integer, long[]> lengths = new HashMap<>();
    /** Per replication beyond those logged: its results, by arm, as they come. */
    private final Map<Integer, ReplicationResult[]> results = new HashMap<>();

    private ResumeLog(Path file, int arms, List<List<ReplicationResult>> resumed, long jobsBytes, long sitesBytes,
            long validBytes, boolean rowless) throws IOException {
        this.file = file;
        this.rowless = rowless;
        this.arms = arms;
        this.resumed = resumed;
        this.jobsBytes = jobsBytes;
        this.sitesBytes = sitesBytes;
        this.logged = resumed.get(0).size();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(validBytes); // a line cut short by the kill goes
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.APPEND);
    }

    /** Opens the log in {@code file}, reading the replications it already holds (none if it is new). */
    public static ResumeLog open(Path file, int arms) throws IOException {
        return open(file, arms, Integer.MAX_VALUE);
    }

    /**
     * Opens the log in {@code file}, reading the first {@code most} replications it holds; the
     * rest are dropped from it (and, by the lengths it gives, from the report files).
     */
    public static ResumeLog open(Path file, int arms, int most) throws IOException {
        return open(file, arms, most, false);
    }

    /**
     * {@link #open(Path, int, int)} for a report that writes no rows (jobs.csv, sites.csv): a
     * replication is logged once its results are in.
     */
    public static ResumeLog openWithoutRows(Path file, int arms, int most) throws IOException {
        return open(file, arms, most, true);
    }

    private static ResumeLog open(Path file, int arms, int most, boolean rowless) throws IOException {
        List<List<ReplicationResult>> done = new ArrayList<>();
        for (int arm = 0; arm < arms; arm++) {
            done.add(new ArrayList<>());
        }
        long valid = 0;
        long jobs = 0;
        long sites = 0;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int end; (end = indexOf(bytes, (byte) '\n', start)) >= 0; start = end + 1) {
                Line line = Line.decode(new String(bytes, start, end - start, StandardCharsets.US_ASCII), arms);
                if (line == null || line.replication != done.get(0).size() + 1 || line.replication > most) {
                    break;
                }
                for (int arm = 0; arm < arms; arm++) {
                    done.get(arm).add(line.results[arm]);
                }
                jobs = line.jobsBytes;
                sites = line.sitesBytes;
                valid = end + 1;
            }
        }
        return new ResumeLog(file, arms, done, jobs, sites, valid, rowless);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Replications (of every policy) resumed from the log. */
    public int resumedReplications() {
        return resumed.get(0).size();
    }

    /** Per arm, the results of the replications resumed, in replication order. */
    public List<List<ReplicationResult>> resumedResults() {
        return resumed.stream().map(List::copyOf).toList();
    }

    /** jobs.csv's length after the replications resumed (0 when none). */
    public long jobsBytes() {
        return jobsBytes;
    }

    /** sites.csv's length after the replications resumed (0 when none). */
    public long sitesBytes() {
        return sitesBytes;
    }

    /** The rows of replications up to {@code replication} are in the files, now this long. */
    synchronized void rowsWritten(int replication, long jobs, long sites) throws IOException {
        lengths.put(replication, new long[] {jobs, sites});
        writeReady();
    }

    /** Arm {@code arm}'s result of a replication. */
    public synchronized void result(int arm, ReplicationResult result) throws IOException {
        results.computeIfAbsent(result.replication(), r -> new ReplicationResult[arms])[arm] = result;
        writeReady();
    }

    private void writeReady() throws IOException {
        while (true) {
            int next = logged + 1;
            long[] length = rowless ? NO_ROWS : lengths.get(next);
            ReplicationResult[] all = results.get(next);
            if (length == null || all == null || java.util.Arrays.asList(all).contains(null)) {
                return;
            }
            out.write(new Line(next, length[0], length[1], all).encode().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            lengths.remove(next);
            results.remove(next);
            logged = next;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Where a report's log lives in a work folder's resume folder. */
    public static Path of(Path resumeDir, int point) {
        return resumeDir.resolve(String.format("point-%04d.log", point));
    }

    /** One replication's line. */
    private record Line(int replication, long jobsBytes, long sitesBytes, ReplicationResult[] results) {

        String encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream data = new DataOutputStream(bytes)) {
                data.writeInt(FORMAT);
                data.writeInt(replication);
                data.writeLong(jobsBytes);
                data.writeLong(sitesBytes);
                data.writeInt(results.length);
                for (ReplicationResult r : results) {
                    write(data, r);
                }
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory cannot fail", e);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            return Base64.getEncoder().encodeToString(bytes.toByteArray()) + " " + Long.toHexString(crc.getValue()) + "\n";
        }

        /** Null when the line is not whole or not of this format. */
        static Line decode(String text, int arms) {
            int space = text.indexOf(' ');
            if (space < 0) {
                return null;
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(text.substring(0, space));
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (crc.getValue() != Long.parseLong(text.substring(space + 1), 16)) {
                    return null;
                }
                DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes));
                if (data.readInt() != FORMAT) {
                    return null;
                }
                int replication = data.readInt();
                long jobs = data.readLong();
                long sites = data.readLong();
                if (data.readInt() != arms) {
                    return null;
                }
                ReplicationResult[] results = new ReplicationResult[arms];
                for (int arm = 0; arm < arms; arm++) {
                    results[arm] = read(data);
                }
                return new Line(replication, jobs, sites, results);
            } catch (IllegalArgumentException | IOException e) {
                return null;
            }
        }

        private static void write(DataOutputStream data, ReplicationResult r) throws IOException {
            data.writeInt(r.replication());
            data.writeLong(r.events());
            data.writeLong(r.digest());
            writeFigures(data, r.metrics());
            for (Map<String, Map<String, Double>> nested : List.of(r.classes(), r.providers(), r.sites())) {
                data.writeInt(nested.size());
                for (Map.Entry<String, Map<String, Double>> e : nested.entrySet()) {
                    data.writeUTF(e.getKey());
                    writeFigures(data, e.getValue());
                }
            }
        }

        /** Each value as its exact bits: the summary made from it is the same, bit for bit. */
        private static void writeFigures(DataOutputStream data, Map<String, Double> figures) throws IOException {
            data.writeInt(figures.size());
            for (Map.Entry<String, Double> e : figures.entrySet()) {
                data.writeUTF(e.getKey());
                data.writeLong(Double.doubleToRawLongBits(e.getValue()));
            }
        }

        private static ReplicationResult read(DataInputStream data) throws IOException {
            int replication = data.readInt();
            long events = data.readLong();
            long digest = data.readLong();
            Map<String, Double> metrics = readFigures(data);
            List<Map<String, Map<String, Double>>> nested = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Map<String, Double>> map = new LinkedHashMap<>();
                for (int n = data.readInt(); n > 0; n--) {
                    map.put(data.readUTF(), readFigures(data));
                }
                nested.add(java.util.Collections.unmodifiableMap(map));
            }
            return new ReplicationResult(replication, metrics, nested.get(0), nested.get(1), nested.get(2), events, digest);
        }

        private static Map<String, Double> readFigures(DataInputStream data) throws IOException {
            Map<String, Double> figures = new LinkedHashMap<>();
            for (int n = data.readInt(); n > 0; n--) {
                figures.put(data.readUTF(), Double.longBitsToDouble(data.readLong()));
            }
            return java.util.Collections.unmodifiableMap(figures);
        }
    }
}
