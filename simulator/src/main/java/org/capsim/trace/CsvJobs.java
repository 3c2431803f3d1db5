package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A capsim CSV trace (SPEC section 3) for {@code capsim trace}: submit time, GPUs and duration in
 * seconds under the mapped column names, and the job id where a column is named. A scenario's CSV
 * trace is read by the scenario's own reader (its rules and messages), not by this one.
 *
 * @param submit   column of the submit time, in seconds
 * @param gpus     column of the GPUs
 * @param duration column of the run time, in seconds
 * @param id       column of the job id, or null to number the rows
 */
record CsvJobs(String submit, String gpus, String duration, String id) implements FormatReader {

    static final CsvJobs DEFAULT_COLUMNS = new CsvJobs("submit_time_s", "num_gpus", "duration_s", "job_id");

    @Override
    public void read(InputStream in, JobSink sink) throws IOException {
        Table table = new Table(in, ',', sink);
        if (!table.header(List.of(submit, gpus, duration), null, List.of(), "")) {
            return;
        }
        int s = table.column(submit);
        int g = table.column(gpus);
        int d = table.column(duration);
        int i = table.column(id);
        long row = 0;
        while (table.next()) {
            long n = table.line();
            row++;
            double time = Values.number(table.get(s));
            double count = Values.number(table.get(g));
            double run = Values.number(table.get(d));
            boolean ok = true;
            if (Double.isNaN(time) || time < 0) {
                sink.problem(n, "column '" + submit + "'", "is '" + table.get(s) + "'; expected seconds, 0 or more");
                ok = false;
            }
            if (!Values.wholeGpus(count)) {
                sink.problem(n, "column '" + gpus + "'", "is '" + table.get(g) + "'; " + Values.gpusRule());
                ok = false;
            }
            if (Double.isNaN(run) || run < 0) {
                sink.problem(n, "column '" + duration + "'", "is '" + table.get(d) + "'; expected seconds, 0 or more");
                ok = false;
            }
            if (!ok) {
                continue;
            }
            if (count == 0) {
                sink.skipped(n, SkipReason.NO_GPUS);
            } else { // a duration of 0 is a job in a CSV trace, as a scenario replays it
                sink.job(n, i >= 0 ? table.get(i) : Long.toString(row), time, (int) count, run);
            }
        }
    }
}
