package org.capsim.scenario;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.capsim.demand.Trace;
import org.capsim.demand.TraceIds;
import org.capsim.trace.JobSink;
import org.capsim.trace.SkipReason;
import org.capsim.trace.TraceFormat;

/**
 * Reads a trace in one of the formats of SPEC 6.5 other than CSV (SWF, Slurm, Helios, Acme,
 * Philly) into a {@link Trace} on the simulation clock. The file is streamed: what is kept is the
 * arrays of the rows replayed, as for a CSV trace. Rows with no GPUs, no positive run time, or job
 * steps are counted by reason; rows that cannot be read are reported by line (the first {@link
 * CsvInput#MAX_ROW_PROBLEMS}, then a count) and the trace is not used.
 */
final class FormatTraceReader {

    private FormatTraceReader() {
    }

    /**
     * @param originHours simulation time of trace time 0: the log's start (SWF) or its earliest
     *                    submission (formats that give dates)
     * @return the trace, or null when it had problems
     */
    static Trace read(Path path, String label, TraceFormat format, double originHours, double endHours, String keyPath,
            Problems problems) {
        Rows rows = new Rows(label, problems);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            format.reader().read(in, rows);
        } catch (IOException e) {
            problems.add(new Location(label, 0, 0), keyPath + ".file", "cannot read the trace: " + e.getMessage());
            return null;
        }
        if (rows.problems > CsvInput.MAX_ROW_PROBLEMS) {
            problems.add(new Location(label, 0, 0), keyPath + ".file",
                    "... and " + (rows.problems - CsvInput.MAX_ROW_PROBLEMS) + " more rows with problems");
        }
        if (rows.problems > 0) {
            return null;
        }
        if (rows.size == 0) {
            problems.add(new Location(label, 0, 0), keyPath + ".file", rows.skipped() == 0
                    ? "the trace has no jobs (" + format.description() + ")"
                    : "no job of the trace can be replayed: " + rows.dropped().values().stream().mapToInt(i -> i).sum()
                            + " rows skipped (" + reasons(rows.dropped()) + ")");
            return null;
        }
        TraceIds ids = rows.ids.build();
        if (!rows.increasing && !unique(ids, rows.lines, rows.size, label, problems)) {
            return null;
        }
        return rows.trace(label, ids, format, originHours, endHours);
    }

    /** "3 with no GPUs, 2 job steps (e.g. 123.batch)". */
    static String reasons(Map<String, Integer> dropped) {
        StringBuilder text = new StringBuilder();
        for (SkipReason reason : SkipReason.values()) {
            Integer count = dropped.get(reason.key());
            if (count != null && count > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(reason.words(count));
            }
        }
        return text.toString();
    }

    /**
     * Whether every id is used once; reports each one used again otherwise. Ids are sorted by hash
     * rather than kept in a table while reading: the rows' text is not kept, only the ids.
     */
    private static boolean unique(TraceIds ids, int[] lines, int size, String label, Problems problems) {
        long[] keyed = new long[size];
        for (int row = 0; row < size; row++) {
            keyed[row] = (long) ids.get(row).hashCode() << 32 | row;
        }
        Arrays.sort(keyed);
        int duplicates = 0;
        for (int i = 1; i < size; i++) {
            if ((int) (keyed[i] >> 32) != (int) (keyed[i - 1] >> 32)) {
                continue;
            }
            int row = (int) keyed[i];
            for (int k = i - 1; k >= 0 && (int) (keyed[k] >> 32) == (int) (keyed[i] >> 32); k--) {
                int first = (int) keyed[k];
                if (ids.get(first).equals(ids.get(row))) {
                    if (++duplicates <= CsvInput.MAX_ROW_PROBLEMS) {
                        problems.add(new Location(label, lines[row], 0), "job id",
                                "duplicate job id '" + ids.get(row) + "' (first at line " + lines[first] + ")");
                    }
                    break;
                }
            }
        }
        if (duplicates > CsvInput.MAX_ROW_PROBLEMS) {
            problems.add(new Location(label, 0, 0), "job id", "... and " + (duplicates - CsvInput.MAX_ROW_PROBLEMS)
                    + " more duplicate job ids");
        }
        return duplicates == 0;
    }

    /** What a format's reader gives, kept as arrays of every job read (the period is applied at the end). */
    private static final class Rows implements JobSink {
        private final String label;
        private final Problems problemList;
        private final TraceIds.Builder ids = new TraceIds.Builder(1024);
        private final EnumMap<SkipReason, Integer> skips = new EnumMap<>(SkipReason.class);
        private double[] submits = new double[1024];
        private double[] runs = new double[1024];
        private int[] gpus = new int[1024];
        private int[] lines = new int[1024];
        private int size;
        private int problems;
        /** Whether every id so far is a plain number above the one before (as SWF job numbers are): unique without a check. */
        private boolean increasing = true;
        private long previous = -1;

        Rows(String label, Problems problems) {
            this.label = label;
            this.problemList = problems;
        }

        @Override
        public void job(long line, CharSequence id, double submitSeconds, int count, double runSeconds) {
            if (size == submits.length) {
                submits = Arrays.copyOf(submits, size * 2);
                runs = Arrays.copyOf(runs, size * 2);
                gpus = Arrays.copyOf(gpus, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
            }
            submits[size] = submitSeconds;
            runs[size] = runSeconds;
            gpus[size] = count;
            lines[size] = (int) Math.min(line, Integer.MAX_VALUE);
            size++;
            long number = plainNumber(id);
            if (number >= 0) {
                ids.add("", number); // the same text, without a char-by-char copy
            } else {
                ids.add(id);
            }
            increasing &= number > previous;
            previous = number;
        }

        /** The id as a number when it is one written plainly (digits, no leading zero, at most 18), else -1. */
        private static long plainNumber(CharSequence id) {
            int length = id.length();
            if (length == 0 || length > 18 || (id.charAt(0) == '0' && length > 1)) {
                return -1;
            }
            long value = 0;
            for (int i = 0; i < length; i++) {
                char c = id.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        @Override
        public void skipped(long line, SkipReason reason) {
            skips.merge(reason, 1, Integer::sum);
        }

        @Override
        public void problem(long line, String where, String message) {
            if (++problems <= CsvInput.MAX_ROW_PROBLEMS) {
                problemList.add(new Location(label, (int) Math.min(line, Integer.MAX_VALUE), 0), where, message);
            }
        }

        int skipped() {
            return skips.values().stream().mapToInt(i -> i).sum();
        }

        /** The counts by reason key, in the reasons' order; every reason, 0 included. */
        Map<String, Integer> dropped() {
            Map<String, Integer> byKey = new LinkedHashMap<>();
            for (SkipReason reason : SkipReason.values()) {
                byKey.put(reason.key(), skips.getOrDefault(reason, 0));
            }
            return byKey;
        }

        /** The jobs on the simulation clock, those outside the simulated period left out (and counted). */
        Trace trace(String label, TraceIds all, TraceFormat format, double originHours, double endHours) {
            double zero = 0;
            if (format.absoluteTimes()) {
                zero = Double.POSITIVE_INFINITY;
                for (int i = 0; i < size; i++) {
                    zero = Math.min(zero, submits[i]);
                }
            }
            TraceArrays kept = new TraceArrays(size);
            int[] rows = new int[size];
            int outside = 0;
            for (int i = 0; i < size; i++) {
                double arrival = originHours + (submits[i] - zero) / 3600;
                if (arrival < 0 || arrival >= endHours) {
                    outside++;
                    continue;
                }
                rows[kept.size()] = i;
                kept.add(arrival, runs[i] / 3600, gpus[i]);
            }
            TraceIds ids = outside == 0 ? all : all.reordered(Arrays.copyOf(rows, kept.size()));
            return kept.trace(label, ids, outside, format.key(), dropped());
        }
    }
}
