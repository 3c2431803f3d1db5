package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Slurm accounting as {@code sacct --parsable2} prints it: a header, then {@code |}-separated rows.
 * Read: {@code JobID}, {@code Submit}, the run time from {@code Elapsed} (or {@code End} minus
 * {@code Start}) and the GPUs from {@code AllocTRES}'s {@code gres/gpu=N}. Job steps ({@code
 * 123.batch}, {@code 123.0}) are counted and skipped: their job's own row holds them. Times are
 * read as UTC (sacct prints the cluster's local time; only differences matter to a replay).
 */
final class SacctReader implements FormatReader {

    @Override
    public void read(InputStream in, JobSink sink) throws IOException {
        Table table = new Table(in, '|', sink);
        if (!table.header(List.of("JobID", "Submit", "AllocTRES"), "Elapsed", List.of("Start", "End"),
                " (sacct --parsable2 --format=JobID,Submit,Start,End,Elapsed,AllocTRES)")) {
            return;
        }
        int id = table.column("JobID");
        int submit = table.column("Submit");
        int elapsed = table.column("Elapsed");
        int start = table.column("Start");
        int end = table.column("End");
        int tres = table.column("AllocTRES");
        while (table.next()) {
            long n = table.line();
            String job = table.get(id);
            if (job.isEmpty()) {
                sink.problem(n, "column 'JobID'", "is empty; every job needs an id");
                continue;
            }
            if (job.indexOf('.') >= 0) {
                sink.skipped(n, SkipReason.JOB_STEP);
                continue;
            }
            boolean ok = true;
            long submitted = Values.timestamp(table.get(submit));
            if (submitted == Values.BAD) {
                sink.problem(n, "column 'Submit'", "is '" + table.get(submit) + "'; expected a time such as 2024-03-01T12:00:00, or seconds since 1970");
                ok = false;
            }
            long run = elapsed >= 0 ? elapsed(sink, n, table.get(elapsed)) : endMinusStart(sink, n, table.get(start), table.get(end));
            ok &= run != Values.BAD;
            long gpus = gpus(sink, n, table.get(tres));
            ok &= gpus >= 0;
            if (!ok) {
                continue;
            }
            sink.row(n, job, submitted, gpus, run);
        }
    }

    private static long elapsed(JobSink sink, long n, String text) {
        long seconds = Values.elapsed(text);
        if (seconds == Values.BAD) {
            sink.problem(n, "column 'Elapsed'", "is '" + text + "'; expected [days-]hours:minutes:seconds such as 1-02:03:04");
        }
        return seconds;
    }

    /** End minus Start; 0 (no run time) when either is Unknown or None, as for a job that never ran or still runs. */
    private static long endMinusStart(JobSink sink, long n, String start, String end) {
        if (unknown(start) || unknown(end)) {
            return 0;
        }
        long from = Values.timestamp(start);
        long to = Values.timestamp(end);
        if (from == Values.BAD || to == Values.BAD) {
            sink.problem(n, from == Values.BAD ? "column 'Start'" : "column 'End'", "is '" + (from == Values.BAD ? start : end)
                    + "'; expected a time such as 2024-03-01T12:00:00, seconds since 1970, or Unknown");
            return Values.BAD;
        }
        return to - from;
    }

    private static boolean unknown(String time) {
        return time.isEmpty() || time.equals("Unknown") || time.equals("None");
    }

    /**
     * The GPUs of {@code gres/gpu=N} in AllocTRES (or the sum of the typed {@code gres/gpu:TYPE=N}
     * when the plain count is absent); 0 when it names none; -1 after a problem.
     */
    private static long gpus(JobSink sink, long n, String tres) {
        long plain = -1;
        long typed = 0;
        for (String item : tres.split(",")) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            if (!key.equals("gres/gpu") && !key.startsWith("gres/gpu:")) {
                continue;
            }
            double value = eq < 0 ? Double.NaN : Values.number(item.substring(eq + 1));
            if (!Values.wholeGpus(value)) {
                sink.problem(n, "column 'AllocTRES'", "'" + item.trim() + "': " + Values.gpusRule());
                return -1;
            }
            if (key.equals("gres/gpu")) {
                plain = (long) value;
            } else {
                typed += (long) value;
            }
        }
        return plain >= 0 ? plain : Math.min(typed, Values.MAX_GPUS);
    }
}
