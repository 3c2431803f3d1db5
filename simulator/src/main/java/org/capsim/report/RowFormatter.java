package org.capsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import org.capsim.cluster.JobClass;
import org.capsim.cluster.Pool;
import org.capsim.model.Calendar;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.report.data.ChartFeed;

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
    /** The site, provider and pool type fields of a job never placed: empty. */
    private static final byte[] NO_POOL = {',', ','};

    private final OutputStream jobs;
    private final OutputStream sites;
    /** "policy,replication," */
    private final byte[] prefix;
    private final Calendar calendar;
    private final ChartFeed.Replication feed;
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
            ChartFeed.Replication feed) {
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

    /** Room a job row needs besides its texts: 11 numbers, 3 whole numbers, commas and the line end. */
    private static final int JOB_ROW_ROOM = 11 * Num.MAX_LENGTH + 3 * 20 + 32;
    /** Room a sites row needs besides its texts. */
    private static final int SITE_ROW_ROOM = Num.MAX_LENGTH + 5 * 20 + 16;

    // The rows are written into the line's buffer through a local position, one bounds check per
    // row: the fluent CsvLine calls per field cost a check and a field update per byte, and were
    // most of this thread's time.

    private void job(RowBatch b, int i) {
        String id = b.id[i];
        byte[] quotedId = CsvLine.plain(id) ? null : CsvLine.encode(id);
        byte[] jobClass = classField(b.jobClass[i]);
        Pool pool = b.jobPool[i];
        byte[] where = pool == null ? NO_POOL : poolField(pool);
        byte[] rofr = ROFR[b.rofr[i]];
        byte[] status = STATUS[b.status[i]];
        CsvLine line = jobRows;
        byte[] buf = line.reserve(prefix.length + (quotedId == null ? id.length() : quotedId.length) + jobClass.length
                + where.length + rofr.length + status.length + JOB_ROW_ROOM);
        int p = CsvLine.put(buf, line.pos(), prefix);
        if (quotedId == null) {
            for (int k = 0, n = id.length(); k < n; k++) {
                buf[p++] = (byte) id.charAt(k); // plain is ASCII
            }
        } else {
            p = CsvLine.put(buf, p, quotedId);
        }
        buf[p++] = ',';
        p = CsvLine.put(buf, p, jobClass);
        buf[p++] = ',';
        p = Num.write(buf, p, b.arrival[i]);
        buf[p++] = ',';
        p = CsvLine.put(buf, p, where);
        buf[p++] = ',';
        p = CsvLine.put(buf, p, rofr);
        buf[p++] = ',';
        p = Num.write(buf, p, b.start[i]);
        buf[p++] = ',';
        p = Num.write(buf, p, b.end[i]);
        buf[p++] = ',';
        p = Num.write(buf, p, b.wait[i]);
        buf[p++] = ',';
        int gpus = b.gpus[i];
        if (gpus >= 0) {
            p = Num.writeLong(buf, p, gpus);
        }
        buf[p++] = ',';
        p = Num.write(buf, p, b.gpuHours[i]);
        buf[p++] = ',';
        p = Num.write(buf, p, b.cost[i]);
        buf[p++] = ',';
        p = Num.writeLong(buf, p, b.interruptions[i]);
        buf[p++] = ',';
        p = CsvLine.put(buf, p, status);
        buf[p++] = ',';
        p = Num.write(buf, p, b.held[i]);
        buf[p++] = ',';
        p = Num.write(buf, p, b.promised[i]);
        buf[p++] = ',';
        double flops = b.flops[i];
        if (!Double.isNaN(flops)) {
            // Chinchilla: C = 6 N D with D = 20 N, so N = sqrt(C / 120) parameters and D = 20 N tokens
            double params = Math.sqrt(flops / 120.0);
            p = Num.write(buf, p, flops);
            buf[p++] = ',';
            p = Num.write(buf, p, params);
            buf[p++] = ',';
            p = Num.write(buf, p, 20 * params);
        } else {
            buf[p++] = ',';
            buf[p++] = ',';
        }
        buf[p++] = '\n';
        line.pos(p);
        line.endRow(jobs);
        if (feed != null) {
            feed.jobs.row(b.jobClass[i].name(), Num.asWritten(b.arrival[i]), pool == null ? "" : pool.providerId(),
                    pool == null ? "" : pool.type().name(), ROFR_TEXT[b.rofr[i]], Num.asWritten(b.end[i]),
                    Num.asWritten(b.wait[i]), gpus >= 0 ? gpus : Double.NaN);
        }
    }

    private void site(RowBatch b, int i) {
        double instant = b.time[i];
        Pool pool = b.sitePool[i];
        byte[] date = date(instant);
        byte[] where = poolField(pool);
        CsvLine line = siteRows;
        byte[] buf = line.reserve(prefix.length + date.length + where.length + SITE_ROW_ROOM);
        int p = CsvLine.put(buf, line.pos(), prefix);
        p = Num.write(buf, p, instant);
        buf[p++] = ',';
        p = CsvLine.put(buf, p, date);
        buf[p++] = ',';
        p = CsvLine.put(buf, p, where);
        buf[p++] = ',';
        p = Num.writeLong(buf, p, b.installed[i]);
        buf[p++] = ',';
        p = Num.writeLong(buf, p, b.reserved[i]);
        buf[p++] = ',';
        p = Num.writeLong(buf, p, b.busy[i]);
        buf[p++] = ',';
        p = Num.writeLong(buf, p, b.queuedJobs[i]);
        buf[p++] = ',';
        p = Num.writeLong(buf, p, b.queuedGpus[i]);
        buf[p++] = '\n';
        line.pos(p);
        line.endRow(sites);
        if (feed != null) {
            feed.sites.row(feedPool(pool), Num.asWritten(instant), b.installed[i], b.reserved[i], b.busy[i],
                    b.queuedJobs[i], b.queuedGpus[i]);
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
