package org.capsim.trace;

/** Why a row of a trace is not replayed (SPEC 6.5): counted and said, never an error. */
public enum SkipReason {
    NO_GPUS("no_gpus", "with no GPUs", "with no GPUs"),
    NO_RUN_TIME("no_run_time", "with no positive run time", "with no positive run time"),
    JOB_STEP("job_step", "job step (e.g. 123.batch)", "job steps (e.g. 123.batch)");

    private final String key;
    private final String one;
    private final String many;

    SkipReason(String key, String one, String many) {
        this.key = key;
        this.one = one;
        this.many = many;
    }

    /** The reason's key in summary.json. */
    public String key() {
        return key;
    }

    /** The reason in words, after {@code count}: "3 with no GPUs", "1 job step (e.g. 123.batch)". */
    public String words(long count) {
        return count == 1 ? one : many;
    }
}
