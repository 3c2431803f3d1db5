package org.capsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import org.capsim.model.Calendar;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.record.PoolId;
import org.capsim.report.data.ChartFeed;
import org.capsim.workload.JobClass;

/**
 * Turns batches of one replication's rows into the bytes of jobs.csv and sites.csv, and feeds
 * the charts' data the same values as written. Used by one thread at a time (the simulation's,
 * or the replication's writer thread), batch after batch, so each file's rows keep their order.
 */
final class RowFormatter {

    private static final byte[][] ROFR = encodeAll(RofrOutcome.values(), RofrOutcome::csv);
    private static final String[] ROFR_TEXT = Arrays.stream(RofrOutcome.values()).map(RofrOutcome::csv)
            .toArray(String[]::new);
    private static final byte[][] STATUS = encodeAll(JobStatus.values(), JobStatus::csv);
    private static final String[] STATUS_TEXT = Arrays.stream(JobStatus.values()).map(JobStatus::csv)
            .toArray(String[]::new);
    /** The site, provider and pool type fields of a job never placed: empty. */
    private static final byte[] NO_POOL = {',', ','};

    private final OutputStream jobs;
    private final OutputStream sites;
    /** "policy,replication," */
    private final byte[] prefix;
    private final Calendar calendar;
    private final ChartFeed.Replication feed;
    /** jobs.csv's layout: with the demand column when the scenario limits demand. */
    private final byte[] jobLayout;
    /** sites.csv's layout: with powered GPUs and the site's MW when the scenario says anything of power. */
    private final byte[] siteLayout;
    /** Rows not yet written out, of each file: many rows go out in one write. */
    private final CsvLine jobRows = new CsvLine();
    private final CsvLine siteRows = new CsvLine();

    // fields that repeat, encoded once: per pool "site,provider,pool_type", per class its name
    private byte[][] poolFields = new byte[8][];
    private final Map<JobClass, byte[]> classFields = new IdentityHashMap<>();
    /** Per pool index, its number in the feed's sites block (-1 before its first row). */
    private int[] feedPools = new int[0];
    private long cachedDay = Long.MIN_VALUE;
    private byte[] cachedDate = new byte[0];

    RowFormatter(OutputStream jobs, OutputStream sites, String policy, int replication, Calendar calendar,
            ChartFeed.Replication feed, CsvRecorder.Extra extra) {
        this.jobLayout = extra.demand() ? DEMAND_JOB_LAYOUT : JOB_LAYOUT;
        this.siteLayout = extra.power() ? POWER_SITE_LAYOUT : SITE_LAYOUT;
        this.jobs = jobs;
        this.sites = sites;
        this.prefix = new CsvLine().text(policy).comma().integer(replication).comma().toBytes();
        this.calendar = calendar;
        this.feed = feed;
    }

    private static <T> byte[][] encodeAll(T[] values, Function<T, String> text) {
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = text.apply(values[i]).getBytes(StandardCharsets.US_ASCII); // fixed words, or empty
        }
        return encoded;
    }

    /** Writes the batch's rows (jobs.csv's, then sites.csv's). */
    void write(RowBatch b) {
        for (int i = 0; i < b.jobs; i++) {
            job(b, i);
        }
        for (int i = 0; i < b.sites; i++) {
            site(b, i);
        }
    }

    // A row is written by one loop over its fields, in the order of a layout: one place in the
    // code writes every number of the row, so the JIT compiles the number writer once, not once
    // per field (bench/README.md has the measurement).

    /** Field kinds of a layout. */
    private static final byte NUMBER = 0;
    /** A whole number; empty when negative (unknown). */
    private static final byte WHOLE = 1;
    /** Bytes as they are (several fields at once where they hold commas, e.g. a pool's names). */
    private static final byte BYTES = 2;
    /** A text that may need quotes (a job's id). */
    private static final byte TEXT = 3;

    /** jobs.csv after "policy,replication,": the JOBS_HEADER columns, in order. */
    private static final byte[] JOB_LAYOUT = {TEXT, BYTES, NUMBER, BYTES, BYTES, NUMBER, NUMBER, NUMBER, WHOLE, NUMBER,
        NUMBER, WHOLE, BYTES, NUMBER, NUMBER, NUMBER, NUMBER, NUMBER};
    /** jobs.csv with {@code demand_gpu_hours} last (SPEC 6.1). */
    private static final byte[] DEMAND_JOB_LAYOUT = Arrays.copyOf(JOB_LAYOUT, JOB_LAYOUT.length + 1); // NUMBER is 0
    /** sites.csv after "policy,replication,". */
    private static final byte[] SITE_LAYOUT = {NUMBER, BYTES, BYTES, WHOLE, WHOLE, WHOLE, WHOLE, WHOLE};
    /** sites.csv with {@code powered_gpus, power_mw} last (SPEC 6.2). */
    private static final byte[] POWER_SITE_LAYOUT = {NUMBER, BYTES, BYTES, WHOLE, WHOLE, WHOLE, WHOLE, WHOLE, WHOLE, NUMBER};

    /** The field values of the row being written, by kind, in layout order. */
    private final double[] numbers = new double[12];
    private final long[] wholes = new long[6];
    private final byte[][] bytes = new byte[4][];
    private String text;

    private void job(RowBatch b, int i) {
        PoolId pool = b.jobPool[i];
        int gpus = b.gpus[i];
        double flops = b.flops[i];
        double params = Math.sqrt(flops / 120.0); // Chinchilla: C = 6 N D with D = 20 N, so N = sqrt(C / 120), D = 20 N
        text = b.id[i];
        bytes[0] = classField(b.jobClass[i]);
        bytes[1] = pool == null ? NO_POOL : poolField(pool);
        bytes[2] = ROFR[b.rofr[i]];
        bytes[3] = STATUS[b.status[i]];
        numbers[0] = b.arrival[i];
        numbers[1] = b.start[i];
        numbers[2] = b.end[i];
        numbers[3] = b.wait[i];
        numbers[4] = b.gpuHours[i];
        numbers[5] = b.cost[i];
        numbers[6] = b.held[i];
        numbers[7] = b.promised[i];
        wholes[0] = gpus;
        wholes[1] = b.interruptions[i];
        numbers[8] = flops; // the compute columns: NaN, so empty, for a job not sized by compute
        numbers[9] = params;
        numbers[10] = 20 * params;
        numbers[11] = b.demand[i];
        writeRow(jobRows, jobLayout, jobs);
        if (feed != null) {
            feed.jobs.row(b.jobClass[i].name(), Num.asWritten(b.arrival[i]), pool == null ? "" : pool.provider(),
                    pool == null ? "" : pool.gpuType(), ROFR_TEXT[b.rofr[i]], Num.asWritten(b.end[i]),
                    Num.asWritten(b.wait[i]), gpus >= 0 ? gpus : Double.NaN, STATUS_TEXT[b.status[i]],
                    jobLayout == DEMAND_JOB_LAYOUT ? Num.asWritten(b.demand[i]) : Double.NaN);
        }
    }

    private void site(RowBatch b, int i) {
        double instant = b.time[i];
        PoolId pool = b.sitePool[i];
        numbers[0] = instant;
        bytes[0] = date(instant);
        bytes[1] = poolField(pool);
        wholes[0] = b.installed[i];
        wholes[1] = b.reserved[i];
        wholes[2] = b.busy[i];
        wholes[3] = b.queuedJobs[i];
        wholes[4] = b.queuedGpus[i];
        wholes[5] = b.powered[i];
        numbers[1] = b.powerMw[i]; // empty for a site without a power curve
        writeRow(siteRows, siteLayout, sites);
        if (feed != null) {
            boolean power = siteLayout == POWER_SITE_LAYOUT;
            feed.sites.row(feedPool(pool), Num.asWritten(instant), b.installed[i], b.reserved[i], b.busy[i],
                    b.queuedJobs[i], b.queuedGpus[i], power ? b.powered[i] : Double.NaN,
                    power ? Num.asWritten(b.powerMw[i]) : Double.NaN);
        }
    }

    /**
     * Writes "policy,replication," and the fields of {@code layout} from {@link #numbers},
     * {@link #wholes}, {@link #bytes} and {@link #text}, comma-separated, and the
     * line end, into {@code line}: one bounds check for the row, then a local position.
     */
    private void writeRow(CsvLine line, byte[] layout, OutputStream out) {
        String id = text;
        byte[] quoted = id == null || CsvLine.plain(id) ? null : CsvLine.encode(id);
        int room = prefix.length + (quoted != null ? quoted.length : id != null ? id.length() : 0)
                + layout.length * (Num.MAX_LENGTH + 1) + 1;
        for (byte[] field : bytes) {
            room += field == null ? 0 : field.length;
        }
        byte[] buf = line.reserve(room);
        int p = CsvLine.put(buf, line.pos(), prefix);
        int number = 0;
        int whole = 0;
        int field = 0;
        for (int f = 0; f < layout.length; f++) {
            if (f > 0) {
                buf[p++] = ',';
            }
            switch (layout[f]) {
                case NUMBER -> p = Num.write(buf, p, numbers[number++]);
                case WHOLE -> {
                    long v = wholes[whole++];
                    if (v >= 0) {
                        p = Num.writeLong(buf, p, v);
                    }
                }
                case BYTES -> p = CsvLine.put(buf, p, bytes[field++]);
                default -> { // TEXT
                    if (quoted != null) {
                        p = CsvLine.put(buf, p, quoted);
                    } else {
                        for (int k = 0, n = id.length(); k < n; k++) {
                            buf[p++] = (byte) id.charAt(k); // plain is ASCII
                        }
                    }
                }
            }
        }
        buf[p++] = '\n';
        line.pos(p);
        line.endRow(out);
        text = null;
        Arrays.fill(bytes, null);
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
    private byte[] poolField(PoolId pool) {
        int i = pool.index();
        if (i >= poolFields.length) {
            poolFields = Arrays.copyOf(poolFields, Math.max(i + 1, poolFields.length * 2));
        }
        if (poolFields[i] == null) {
            poolFields[i] = new CsvLine().bytes(pool.site().getBytes(StandardCharsets.UTF_8)).comma()
                    .bytes(pool.provider().getBytes(StandardCharsets.UTF_8)).comma().text(pool.gpuType()).toBytes();
        }
        return poolFields[i];
    }

    /** The pool's number in the feed's sites block, declared at its first row. */
    private int feedPool(PoolId pool) {
        int i = pool.index();
        if (i >= feedPools.length) {
            int old = feedPools.length;
            feedPools = Arrays.copyOf(feedPools, Math.max(i + 1, old * 2));
            Arrays.fill(feedPools, old, feedPools.length, -1);
        }
        if (feedPools[i] < 0) {
            feedPools[i] = feed.sites.pool(pool.site(), pool.provider(), pool.gpuType());
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

    /** Writes the rows gathered, then flushes and closes both files' streams. */
    void close() {
        try (OutputStream j = jobs; OutputStream s = sites) {
            jobRows.writeTo(j);
            jobRows.clear();
            siteRows.writeTo(s);
            siteRows.clear();
            j.flush();
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }
}
