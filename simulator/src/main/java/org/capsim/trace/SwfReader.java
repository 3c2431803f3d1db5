package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * The Standard Workload Format of the Parallel Workloads Archive: {@code ;} comment lines (the
 * header), then one job a line of 18 whitespace-separated numbers, -1 where a value is missing.
 * Read here: field 1 the job number (the id), field 2 the submit time (seconds from the log's
 * start), field 4 the run time (seconds), field 5 the allocated processors, or field 8 the
 * requested ones where field 5 is -1. A processor is a GPU to capsim.
 */
final class SwfReader implements FormatReader {

    static final int FIELDS = 18;

    @Override
    public void read(InputStream in, JobSink sink) throws IOException {
        AsciiLine line = new AsciiLine(in);
        int[] starts = new int[FIELDS];
        int[] ends = new int[FIELDS];
        Id id = new Id(line);
        while (line.next()) {
            int length = line.length();
            int at = 0;
            while (at < length && isSpace(line.charAt(at))) {
                at++;
            }
            if (at == length || line.charAt(at) == ';') {
                continue;
            }
            int fields = 0;
            while (at < length) {
                int start = at;
                while (at < length && !isSpace(line.charAt(at))) {
                    at++;
                }
                if (fields < FIELDS) {
                    starts[fields] = start;
                    ends[fields] = at;
                }
                fields++;
                while (at < length && isSpace(line.charAt(at))) {
                    at++;
                }
            }
            long n = line.number();
            if (fields != FIELDS) {
                sink.problem(n, "", "a job line has " + fields + (fields == 1 ? " field" : " fields") + "; SWF has " + FIELDS
                        + " whitespace-separated fields (comment lines start with ';')");
                continue;
            }
            double submit = Values.number(line, starts[1], ends[1]);
            double run = Values.number(line, starts[3], ends[3]);
            double allocated = Values.number(line, starts[4], ends[4]);
            double requested = Values.number(line, starts[7], ends[7]);
            boolean ok = true;
            if (Double.isNaN(submit) || submit < 0) {
                sink.problem(n, "field 2", "submit time is '" + line.text(starts[1], ends[1])
                        + "'; expected seconds from the log's start, 0 or more");
                ok = false;
            }
            if (Double.isNaN(run) || run < 0 && run != -1) {
                sink.problem(n, "field 4", "run time is '" + line.text(starts[3], ends[3])
                        + "'; expected seconds, or -1 when unknown");
                ok = false;
            }
            ok &= gpus(sink, n, line, 5, starts[4], ends[4], allocated);
            ok &= gpus(sink, n, line, 8, starts[7], ends[7], requested);
            if (!id.set(starts[0], ends[0])) {
                sink.problem(n, "field 1", "job number is '" + line.text(starts[0], ends[0]) + "'; expected a whole number");
                ok = false;
            }
            if (!ok) {
                continue;
            }
            double gpus = allocated == -1 ? requested : allocated;
            sink.row(n, id, submit, gpus, run);
        }
    }

    private static boolean gpus(JobSink sink, long n, AsciiLine line, int field, int from, int to, double value) {
        if (value == -1 || Values.wholeGpus(value)) {
            return true;
        }
        sink.problem(n, "field " + field, (field == 5 ? "allocated" : "requested") + " processors are '"
                + line.text(from, to) + "'; " + Values.gpusRule() + ", or -1 when unknown");
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Field 1 of the current line, as the job's id. */
    private static final class Id implements CharSequence {
        private final AsciiLine line;
        private int from;
        private int to;

        Id(AsciiLine line) {
            this.line = line;
        }

        /** Points at the field; false when it is not a whole number. */
        boolean set(int start, int end) {
            from = start;
            to = end;
            for (int i = start; i < end; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return end > start;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return line.charAt(from + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return line.text(from, to);
        }
    }
}
