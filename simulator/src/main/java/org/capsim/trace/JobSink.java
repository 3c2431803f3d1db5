package org.capsim.trace;

/**
 * Where a {@link FormatReader} puts what it reads, row by row, so that no reader holds a file's
 * jobs: a million-row trace is kept once, by whoever listens.
 */
public interface JobSink {

    /**
     * A job to replay.
     *
     * @param line          the 1-based line where its row (or JSON object) starts
     * @param id            the job's id, valid during the call only
     * @param submitSeconds submit time in seconds on the format's clock (see {@link TraceFormat#absoluteTimes})
     * @param gpus          1 or more
     * @param runSeconds    more than 0 (or 0 in a CSV trace, whose rules replay such a job)
     */
    void job(long line, CharSequence id, double submitSeconds, int gpus, double runSeconds);

    /** A row read but not replayed, and why. */
    void skipped(long line, SkipReason reason);

    /**
     * A row of a cluster's log: a job when it had GPUs and ran, else skipped for the first it
     * lacks (the rule of SPEC 6.5 for every format but capsim's CSV).
     */
    default void row(long line, CharSequence id, double submitSeconds, double gpus, double runSeconds) {
        if (gpus <= 0) {
            skipped(line, SkipReason.NO_GPUS);
        } else if (runSeconds <= 0) {
            skipped(line, SkipReason.NO_RUN_TIME);
        } else {
            job(line, id, submitSeconds, (int) gpus, runSeconds);
        }
    }

    /**
     * A row, or the file from a line on, that cannot be read.
     *
     * @param line  1-based, or 0 for the whole file
     * @param where the field, column or key in the format's words, e.g. {@code field 5}; empty for the row or file
     */
    void problem(long line, String where, String message);
}
