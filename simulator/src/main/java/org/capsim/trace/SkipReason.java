package org.capsim.trace;

/** Why a row of a trace is not replayed (SPEC 6.5): counted and said, never an error. */
public enum SkipReason {
    NO_GPUS("no_gpus", "with no GPUs"),
    NO_RUN_TIME("no_run_time", "with no positive run time"),
    JOB_STEP("job_step", "job steps (e.g. 123.batch)");

    private final String key;
    private final String words;

    SkipReason(String key, String words) {
        this.key = key;
        this.words = words;
    }

    /** The reason's key in summary.json. */
    public String key() {
        return key;
    }

    /** The reason in words, after a count: "3 with no GPUs". */
    public String words() {
        return words;
    }
}
