package org.capsim.model;

/** Final state of a job at the end of a replication (jobs.csv {@code status}). */
public enum JobStatus {
    WAITING("waiting"),
    RUNNING("running"),
    COMPLETED("completed"),
    REJECTED("rejected");

    private final String csv;

    JobStatus(String csv) {
        this.csv = csv;
    }

    public String csv() {
        return csv;
    }
}
