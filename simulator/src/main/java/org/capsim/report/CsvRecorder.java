package org.capsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.capsim.cluster.Job;
import org.capsim.cluster.JobSize;
import org.capsim.cluster.Pool;
import org.capsim.experiment.ReplicationRecorder;
import org.capsim.model.Calendar;

/**
 * Writes one replication's rows of jobs.csv and sites.csv to part files, streamed: a job's row is
 * written when it reaches its final state, so memory holds only running and queued jobs.
 *
 * <p>sites.csv gets one row per pool per instant at which the pool changed, with its state at the
 * end of that instant (several events at one time make one row), ordered by time then pool;
 * plus a row for every pool at the start and at the end. With sampling, one row per pool per
 * grid time instead.
 */
public final class CsvRecorder implements ReplicationRecorder {

    public static final String JOBS_HEADER = "policy,replication,job_id,class,arrival_h,site,provider,pool_type,rofr,"
            + "start_h,end_h,wait_h,gpus,gpu_hours,cost_usd,interruptions,status,held_h,promised_start_h,flops,"
            + "model_params,tokens";
    public static final String SITES_HEADER = "policy,replication,time_h,date,site,provider,pool_type,installed_gpus,"
            + "reserved_gpus,busy_gpus,queued_jobs,queued_gpus";

    private static final CSVFormat CSV = CSVFormat.DEFAULT;

    private final Writer jobs;
    private final Writer sites;
    private final String prefix;
    private final Calendar calendar;
    private final boolean sampled;
    private final StringBuilder row = new StringBuilder(256);
    private char[] chars = new char[256];

    // pending sites.csv rows of the current instant, one per changed pool
    private double instant = Double.NaN;
    private Pool[] pools = new Pool[8];
    private int[] installed = new int[8];
    private int[] busy = new int[8];
    private int[] reserved = new int[8];
    private int[] queuedJobs = new int[8];
    private long[] queuedGpus = new long[8];
    private boolean[] dirty = new boolean[8];
    private int dirtyCount;
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    /** @param sampled whether sites.csv rows come from {@link #sample} only */
    public CsvRecorder(Path jobsPart, Path sitesPart, String policy, int replication, Calendar calendar, boolean sampled)
            throws IOException {
        this(Files.newBufferedWriter(jobsPart, StandardCharsets.UTF_8),
                new BufferedWriter(Files.newBufferedWriter(sitesPart, StandardCharsets.UTF_8), 1 << 16), policy, replication,
                calendar, sampled);
    }

    /**
     * Writes rows to the given writers (closed by {@link #close()}); for a part written straight
     * into the report's final files.
     */
    CsvRecorder(Writer jobs, Writer sites, String policy, int replication, Calendar calendar, boolean sampled) {
        this.jobs = jobs;
        this.sites = sites;
        StringBuilder p = new StringBuilder();
        text(p, policy);
        p.append(',').append(replication).append(',');
        this.prefix = p.toString();
        this.calendar = calendar;
        this.sampled = sampled;
    }

    @Override
    public void jobEnded(Job job, double now) {
        StringBuilder r = row;
        r.setLength(0);
        r.append(prefix);
        text(r, job.id());
        r.append(',');
        text(r, job.jobClass().name());
        r.append(',');
        Num.append(r, job.arrival());
        r.append(',');
        Pool pool = job.pool();
        if (pool != null) {
            r.append(pool.siteId()).append(',').append(pool.providerId()).append(',');
            text(r, pool.type().name());
        } else {
            r.append(",,");
        }
        r.append(',').append(job.rofr().csv()).append(',');
        Num.append(r, job.start());
        r.append(',');
        Num.append(r, job.end());
        r.append(',');
        Num.append(r, job.waitHours());
        r.append(',');
        int gpus = job.gpus() >= 0 ? job.gpus() : job.size().fixedGpus();
        if (gpus >= 0) {
            r.append(gpus);
        }
        r.append(',');
        boolean started = !Double.isNaN(job.start());
        Num.append(r, job.gpuHours(now));
        r.append(',');
        Num.append(r, started ? job.costUsd() : 0.0);
        r.append(',').append(job.interruptions(now)).append(',').append(job.status().csv()).append(',');
        Num.append(r, started ? (Double.isNaN(job.end()) ? now : job.end()) - job.start() : Double.NaN);
        r.append(',');
        Num.append(r, job.promisedStart());
        r.append(',');
        if (job.size() instanceof JobSize.Compute compute) {
            // Chinchilla: C = 6 N D with D = 20 N, so N = sqrt(C / 120) parameters and D = 20 N tokens
            double params = Math.sqrt(compute.flops() / 120.0);
            Num.append(r, compute.flops());
            r.append(',');
            Num.append(r, params);
            r.append(',');
            Num.append(r, 20 * params);
        } else {
            r.append(",,");
        }
        r.append('\n');
        write(jobs, r);
    }

    @Override
    public void poolChanged(Pool pool, double now) {
        if (!sampled) {
            remember(pool, now);
        }
    }

    @Override
    public void sample(List<Pool> all, double now) {
        for (Pool pool : all) {
            remember(pool, now);
        }
        flushInstant();
    }

    @Override
    public void finish(List<Pool> all, double end) {
        if (!sampled || instant != end) {
            for (Pool pool : all) {
                remember(pool, end);
            }
        }
        flushInstant();
    }

    private void remember(Pool pool, double now) {
        if (now != instant) {
            flushInstant();
            instant = now;
        }
        int i = pool.index();
        if (i >= pools.length) {
            grow(i + 1);
        }
        pools[i] = pool;
        installed[i] = pool.installed();
        busy[i] = pool.busy();
        reserved[i] = pool.reserved();
        queuedJobs[i] = pool.queuedJobs();
        queuedGpus[i] = pool.queuedGpus();
        if (!dirty[i]) {
            dirty[i] = true;
            dirtyCount++;
        }
    }

    private void flushInstant() {
        if (dirtyCount == 0) {
            return;
        }
        String date = date(instant);
        for (int i = 0; i < dirty.length && dirtyCount > 0; i++) {
            if (!dirty[i]) {
                continue;
            }
            dirty[i] = false;
            dirtyCount--;
            Pool pool = pools[i];
            StringBuilder r = row;
            r.setLength(0);
            r.append(prefix);
            Num.append(r, instant);
            r.append(',').append(date).append(',').append(pool.siteId()).append(',').append(pool.providerId()).append(',');
            text(r, pool.type().name());
            r.append(',').append(installed[i]).append(',').append(reserved[i]).append(',').append(busy[i]).append(',').append(queuedJobs[i])
                    .append(',').append(queuedGpus[i]).append('\n');
            write(sites, r);
        }
    }

    private String date(double hours) {
        long day = (long) Math.floor(hours / 24.0);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = calendar.dateAt(hours).toString();
        }
        return cachedDate;
    }

    private void grow(int size) {
        int n = Math.max(size, pools.length * 2);
        pools = Arrays.copyOf(pools, n);
        installed = Arrays.copyOf(installed, n);
        busy = Arrays.copyOf(busy, n);
        reserved = Arrays.copyOf(reserved, n);
        queuedJobs = Arrays.copyOf(queuedJobs, n);
        queuedGpus = Arrays.copyOf(queuedGpus, n);
        dirty = Arrays.copyOf(dirty, n);
    }

    /**
     * A text field, quoted only where CSV needs it. Names made of letters, digits and {@code -_.:/+@}
     * never need quotes and are appended as they are (a job id or class per row: the common case,
     * and several times faster than the general printer); anything else goes through commons-csv.
     */
    static void text(StringBuilder out, String value) {
        if (plain(value)) {
            out.append(value);
            return;
        }
        try {
            CSV.print(value, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a StringBuilder
        }
    }

    private static boolean plain(String value) {
        int n = value.length();
        if (n == 0 || !Character.isLetterOrDigit(value.charAt(0))) {
            return false; // empty, or a first character commons-csv may quote (space, #, quote...)
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == ':' || c == '/' || c == '+' || c == '@')) {
                return false;
            }
        }
        return true;
    }

    /** Copies the row's characters into a reused buffer: Writer.append would make a String per row. */
    private void write(Writer writer, StringBuilder text) {
        int n = text.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        text.getChars(0, n, chars, 0);
        try {
            writer.write(chars, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Writer j = jobs; Writer s = sites) {
            j.flush();
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }
}
