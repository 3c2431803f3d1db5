package org.capsim.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.capsim.cluster.Job;
import org.capsim.cluster.JobClass;
import org.capsim.cluster.JobSize;
import org.capsim.cluster.Pool;
import org.capsim.experiment.ReplicationRecorder;
import org.capsim.model.Calendar;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.report.data.ChartFeed;

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

    private final OutputStream jobs;
    private final OutputStream sites;
    /** "policy,replication," */
    private final byte[] prefix;
    private final Calendar calendar;
    private final boolean sampled;
    private final CsvLine row = new CsvLine();
    /** The charts' data, fed each row's values as written; null when no charts are drawn. */
    private final ChartFeed.Replication feed;
    /** Per pool index, its number in the feed's sites block (-1 before its first row). */
    private int[] feedPools = new int[0];

    // fields that repeat, encoded once: per pool "site,provider,pool_type", per class its name
    private byte[][] poolFields = new byte[8][];
    private final Map<JobClass, byte[]> classFields = new IdentityHashMap<>();
    private static final byte[][] ROFR = encodeAll(RofrOutcome.values(), RofrOutcome::csv);
    private static final byte[][] STATUS = encodeAll(JobStatus.values(), JobStatus::csv);

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
    private byte[] cachedDate = new byte[0];

    /**
     * @param sampled whether sites.csv rows come from {@link #sample} only
     * @param feed    fed each row's values as written, for the charts; or null
     */
    public CsvRecorder(Path jobsPart, Path sitesPart, String policy, int replication, Calendar calendar, boolean sampled,
            ChartFeed.Replication feed) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(jobsPart), 1 << 16),
                new BufferedOutputStream(Files.newOutputStream(sitesPart), 1 << 16), policy, replication, calendar, sampled,
                feed);
    }

    /**
     * Writes rows to the given streams (closed by {@link #close()}); for a part written straight
     * into the report's final files.
     */
    CsvRecorder(OutputStream jobs, OutputStream sites, String policy, int replication, Calendar calendar, boolean sampled,
            ChartFeed.Replication feed) {
        this.feed = feed;
        this.jobs = jobs;
        this.sites = sites;
        this.prefix = new CsvLine().text(policy).comma().integer(replication).comma().toBytes();
        this.calendar = calendar;
        this.sampled = sampled;
    }

    private static <T> byte[][] encodeAll(T[] values, Function<T, String> text) {
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = text.apply(values[i]).getBytes(StandardCharsets.US_ASCII); // fixed words, or empty
        }
        return encoded;
    }

    @Override
    public void jobEnded(Job job, double now) {
        CsvLine r = row;
        r.clear();
        r.bytes(prefix).text(job.id()).comma().bytes(classField(job.jobClass())).comma().number(job.arrival()).comma();
        Pool pool = job.pool();
        if (pool != null) {
            r.bytes(poolField(pool));
        } else {
            r.comma().comma();
        }
        r.comma().bytes(ROFR[job.rofr().ordinal()]).comma().number(job.start()).comma().number(job.end()).comma()
                .number(job.waitHours()).comma();
        int gpus = job.gpus() >= 0 ? job.gpus() : job.size().fixedGpus();
        if (gpus >= 0) {
            r.integer(gpus);
        }
        r.comma();
        boolean started = !Double.isNaN(job.start());
        r.number(job.gpuHours(now)).comma().number(started ? job.costUsd() : 0.0).comma().integer(job.interruptions(now))
                .comma().bytes(STATUS[job.status().ordinal()]).comma()
                .number(started ? (Double.isNaN(job.end()) ? now : job.end()) - job.start() : Double.NaN).comma()
                .number(job.promisedStart()).comma();
        if (job.size() instanceof JobSize.Compute compute) {
            // Chinchilla: C = 6 N D with D = 20 N, so N = sqrt(C / 120) parameters and D = 20 N tokens
            double params = Math.sqrt(compute.flops() / 120.0);
            r.number(compute.flops()).comma().number(params).comma().number(20 * params);
        } else {
            r.comma().comma();
        }
        r.ascii('\n').writeTo(jobs);
        if (feed != null) {
            feed.jobs.row(job.jobClass().name(), Num.asWritten(job.arrival()), pool == null ? "" : pool.providerId(),
                    pool == null ? "" : pool.type().name(), job.rofr().csv(), Num.asWritten(job.end()),
                    Num.asWritten(job.waitHours()), gpus >= 0 ? gpus : Double.NaN);
        }
    }

    private byte[] classField(JobClass jobClass) {
        byte[] field = classFields.get(jobClass);
        if (field == null) {
            field = CsvLine.encode(jobClass.name());
            classFields.put(jobClass, field);
        }
        return field;
    }

    /** "site,provider,pool_type" of a pool (site and provider ids are plain by validation). */
    private byte[] poolField(Pool pool) {
        int i = pool.index();
        if (i >= poolFields.length) {
            poolFields = Arrays.copyOf(poolFields, Math.max(i + 1, poolFields.length * 2));
        }
        if (poolFields[i] == null) {
            poolFields[i] = new CsvLine().bytes(pool.siteId().getBytes(StandardCharsets.UTF_8)).comma()
                    .bytes(pool.providerId().getBytes(StandardCharsets.UTF_8)).comma().text(pool.type().name()).toBytes();
        }
        return poolFields[i];
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
        byte[] date = date(instant);
        for (int i = 0; i < dirty.length && dirtyCount > 0; i++) {
            if (!dirty[i]) {
                continue;
            }
            dirty[i] = false;
            dirtyCount--;
            CsvLine r = row;
            r.clear();
            r.bytes(prefix).number(instant).comma().bytes(date).comma().bytes(poolField(pools[i])).comma().integer(installed[i])
                    .comma().integer(reserved[i]).comma().integer(busy[i]).comma().integer(queuedJobs[i]).comma()
                    .integer(queuedGpus[i]).ascii('\n').writeTo(sites);
            if (feed != null) {
                feed.sites.row(feedPool(pools[i]), Num.asWritten(instant), installed[i], reserved[i], busy[i], queuedJobs[i],
                        queuedGpus[i]);
            }
        }
    }

    /** The pool's number in the feed's sites block, declared at its first row. */
    private int feedPool(Pool pool) {
        int i = pool.index();
        if (i >= feedPools.length) {
            int old = feedPools.length;
            feedPools = Arrays.copyOf(feedPools, Math.max(i + 1, old * 2));
            Arrays.fill(feedPools, old, feedPools.length, -1);
        }
        if (feedPools[i] < 0) {
            feedPools[i] = feed.sites.pool(pool.siteId(), pool.providerId(), pool.type().name());
        }
        return feedPools[i];
    }

    private byte[] date(double hours) {
        long day = (long) Math.floor(hours / 24.0);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = calendar.dateAt(hours).toString().getBytes(StandardCharsets.US_ASCII);
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

    @Override
    public void close() {
        try (OutputStream j = jobs; OutputStream s = sites) {
            j.flush();
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }
}
