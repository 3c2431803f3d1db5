package org.capsim.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The trace formats capsim reads (SPEC 6.5), by their key in a scenario's {@code format:}. */
public enum TraceFormat {
    /** A CSV with a header and a column map (SPEC section 3). */
    CSV("csv", "CSV with a header, columns as mapped", false),
    /** The Parallel Workloads Archive's Standard Workload Format. */
    SWF("swf", "Standard Workload Format (Parallel Workloads Archive)", false),
    /** {@code sacct --parsable2} output. */
    SLURM("slurm", "Slurm accounting, sacct --parsable2", true),
    /** SenseTime's Helios cluster_log.csv. */
    HELIOS("helios", "Helios cluster_log.csv (SenseTime)", true),
    /** Shanghai AI Lab's Acme trace_*.csv. */
    ACME("acme", "Acme trace_seren.csv / trace_kalos.csv (Shanghai AI Lab)", true),
    /** Microsoft Philly's raw cluster_job_log JSON. */
    PHILLY("philly", "Philly cluster_job_log JSON (Microsoft)", true);

    private final String key;
    private final String description;
    private final boolean absoluteTimes;

    TraceFormat(String key, String description, boolean absoluteTimes) {
        this.key = key;
        this.description = description;
        this.absoluteTimes = absoluteTimes;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /**
     * Whether submit times are dates (seconds since 1970, read as UTC), so that trace time 0 is
     * the earliest submission; otherwise they count from the trace's own start, which is time 0.
     */
    public boolean absoluteTimes() {
        return absoluteTimes;
    }

    /** The reader of this format; CSV with capsim's default column names (submit_time_s, num_gpus, duration_s, job_id). */
    public FormatReader reader() {
        return switch (this) {
            case CSV -> CsvJobs.DEFAULT_COLUMNS;
            case SWF -> new SwfReader();
            case SLURM -> new SacctReader();
            case HELIOS, ACME -> new ClusterLogReader();
            case PHILLY -> new PhillyReader();
        };
    }

    public static Optional<TraceFormat> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** Every format's key, in order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(TraceFormat::key).toList();
    }
}
