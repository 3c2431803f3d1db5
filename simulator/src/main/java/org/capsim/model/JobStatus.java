package org.capsim.model;

/** Final state of a job at the end of a replication (jobs.csv {@code status}). */
public enum JobStatus {
    WAITING("waiting"),
    RUNNING("running"),
    COMPLETED("completed"),
    REJECTED("rejected"),
    /** It waited longer than its patience and left its queue (or its pending ROFR offer). */
    ABANDONED("abandoned"),
    /** It arrived when its class had spent its year's budget and was never submitted. */
    UNFUNDED("unfunded");

    private final String csv;

    JobStatus(String csv) {
        this.csv = csv;
    }

    public String csv() {
        return csv;
    }
}
