package org.capsim.model;

/** Where a job stands with the right of first refusal. */
public enum RofrOutcome {
    /** Never offered to a ROFR holder. */
    NONE(""),
    /** Offered; the holder has not answered yet. */
    OFFERED(""),
    /** The holder took the job. */
    ACCEPTED("accepted"),
    /** The holder declined; the job went elsewhere. */
    REFUSED("refused");

    private final String csv;

    RofrOutcome(String csv) {
        this.csv = csv;
    }

    /** The value of jobs.csv's {@code rofr} column. */
    public String csv() {
        return csv;
    }

    public boolean offered() {
        return this != NONE;
    }
}
