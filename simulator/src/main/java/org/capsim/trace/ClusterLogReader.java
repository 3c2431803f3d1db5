package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The job traces of SenseTime's Helios ({@code cluster_log.csv}) and Shanghai AI Lab's Acme
 * ({@code trace_seren.csv}, {@code trace_kalos.csv}): CSV with a header naming {@code job_id},
 * {@code gpu_num}, {@code submit_time} ({@code 2020-06-09 18:41:01}, Acme with a zone such as
 * {@code +08:00}) and the run time as {@code duration} in seconds or as {@code start_time} to
 * {@code end_time}. CPU-only jobs ({@code gpu_num} 0) are counted and skipped.
 */
final class ClusterLogReader implements FormatReader {

    @Override
    public void read(InputStream in, JobSink sink) throws IOException {
        Table table = new Table(in, ',', sink);
        if (!table.header(List.of("job_id", "gpu_num", "submit_time"), "duration", List.of("start_time", "end_time"), "")) {
            return;
        }
        int id = table.column("job_id");
        int gpuNum = table.column("gpu_num");
        int submit = table.column("submit_time");
        int duration = table.column("duration");
        int start = table.column("start_time");
        int end = table.column("end_time");
        while (table.next()) {
            long n = table.line();
            String job = table.get(id);
            boolean ok = true;
            if (job.isEmpty()) {
                sink.problem(n, "column 'job_id'", "is empty; every job needs an id");
                ok = false;
            }
            double gpus = Values.number(table.get(gpuNum));
            if (!Values.wholeGpus(gpus)) {
                sink.problem(n, "column 'gpu_num'", "is '" + table.get(gpuNum) + "'; " + Values.gpusRule());
                ok = false;
            }
            long submitted = Values.timestamp(table.get(submit));
            if (submitted == Values.BAD) {
                sink.problem(n, "column 'submit_time'", "is '" + table.get(submit)
                        + "'; expected a time such as 2020-06-09 18:41:01 (or 2023-03-01 00:18:22+08:00, or seconds since 1970)");
                ok = false;
            }
            double run = duration >= 0 && !table.get(duration).isEmpty() ? duration(sink, n, table.get(duration))
                    : span(sink, n, table, start, end);
            ok &= !Double.isNaN(run);
            if (!ok) {
                continue;
            }
            sink.row(n, job, submitted, gpus, run);
        }
    }

    private static double duration(JobSink sink, long n, String text) {
        double seconds = Values.number(text);
        if (Double.isNaN(seconds) || seconds < 0) {
            sink.problem(n, "column 'duration'", "is '" + text + "'; expected seconds, 0 or more");
            return Double.NaN;
        }
        return seconds;
    }

    /** end_time minus start_time; 0 (no run time) when either is empty, as for a job that never started. */
    private static double span(JobSink sink, long n, Table table, int start, int end) {
        if (start < 0 || end < 0 || table.get(start).isEmpty() || table.get(end).isEmpty()) {
            return 0;
        }
        long from = Values.timestamp(table.get(start));
        long to = Values.timestamp(table.get(end));
        if (from == Values.BAD || to == Values.BAD) {
            String column = from == Values.BAD ? "start_time" : "end_time";
            sink.problem(n, "column '" + column + "'", "is '" + table.get(from == Values.BAD ? start : end)
                    + "'; expected a time such as 2020-06-09 18:41:01, or seconds since 1970");
            return Double.NaN;
        }
        return to - from;
    }
}
