package org.capsim.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.capsim.model.Calendar;
import org.capsim.record.JobRecord;
import org.capsim.record.PoolId;
import org.capsim.record.PoolSample;
import org.capsim.record.ReplicationRecorder;
import org.capsim.report.data.ChartFeed;

/**
 * Writes one replication's rows of jobs.csv and sites.csv, streamed: a job's row is written when
 * it reaches its final state, so memory holds only running and queued jobs.
 *
 * <p>sites.csv gets one row per pool per instant at which the pool changed, with its state at the
 * end of that instant (several events at one time make one row), ordered by time then pool;
 * plus a row for every pool at the start and at the end. With sampling, one row per pool per
 * grid time instead.
 *
 * <p>The simulation only copies each row's values into a {@link RowBatch}; a full batch is made
 * into text by a {@link RowFormatter}. With a writer thread (when the run leaves a core spare
 * for it), that happens beside the simulation: formatting numbers was about 40 % of a large
 * replay's simulation thread. The bytes are the same either way.
 */
public final class CsvRecorder implements ReplicationRecorder {

    public static final String JOBS_HEADER = "policy,replication,job_id,class,arrival_h,site,provider,pool_type,rofr,"
            + "start_h,end_h,wait_h,gpus,gpu_hours,cost_usd,interruptions,status,held_h,promised_start_h,flops,"
            + "model_params,tokens";
    /** jobs.csv's header when the scenario limits demand (SPEC 6.1). */
    public static final String DEMAND_JOBS_HEADER = JOBS_HEADER + ",demand_gpu_hours";

    /**
     * The columns a scenario adds (SPEC 6): jobs.csv's {@code demand_gpu_hours} when it limits demand,
     * sites.csv's {@code powered_gpus, power_mw} when it says anything of power.
     */
    public record Extra(boolean demand, boolean power) {
        public static final Extra NONE = new Extra(false, false);

        public String jobsHeader() {
            return demand ? DEMAND_JOBS_HEADER : JOBS_HEADER;
        }

        public String sitesHeader() {
            return power ? SITES_HEADER + ",powered_gpus,power_mw" : SITES_HEADER;
        }
    }
    public static final String SITES_HEADER = "policy,replication,time_h,date,site,provider,pool_type,installed_gpus,"
            + "reserved_gpus,busy_gpus,queued_jobs,queued_gpus";

    private final boolean sampled;
    private final Output output;
    private RowBatch batch;

    // pending sites.csv rows of the current instant, one per changed pool
    private double instant = Double.NaN;
    private PoolId[] pools = new PoolId[8];
    private int[] installed = new int[8];
    private int[] busy = new int[8];
    private int[] reserved = new int[8];
    private int[] queuedJobs = new int[8];
    private long[] queuedGpus = new long[8];
    private long[] powered = new long[8];
    private double[] powerMw = new double[8];
    private boolean[] dirty = new boolean[8];
    private int dirtyCount;

    /**
     * Writes rows to part files.
     *
     * @param sampled    whether sites.csv rows come from {@link #sample} only
     * @param feed       fed each row's values as written, for the charts; or null
     * @param background whether rows are made into text on a writer thread of their own
     * @param extra      the columns the scenario adds
     */
    public CsvRecorder(Path jobsPart, Path sitesPart, String policy, int replication, Calendar calendar, boolean sampled,
            ChartFeed.Replication feed, boolean background, Extra extra) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(jobsPart), 1 << 16),
                new BufferedOutputStream(Files.newOutputStream(sitesPart), 1 << 16), policy, replication, calendar, sampled,
                feed, background, extra);
    }

    /**
     * Writes rows to the given streams (closed by {@link #close()}); for a part written straight
     * into the report's final files.
     */
    CsvRecorder(OutputStream jobs, OutputStream sites, String policy, int replication, Calendar calendar, boolean sampled,
            ChartFeed.Replication feed, boolean background, Extra extra) {
        this.sampled = sampled;
        RowFormatter formatter = new RowFormatter(jobs, sites, policy, replication, calendar, feed, extra);
        this.output = background ? new WriterThread(formatter, policy + " " + replication) : new SameThread(formatter);
        this.batch = new RowBatch();
    }

    @Override
    public void jobEnded(JobRecord job) {
        batch.addJob(job);
        if (batch.full()) {
            batch = output.hand(batch);
        }
    }

    @Override
    public void poolChanged(PoolSample sample) {
        if (!sampled) {
            remember(sample);
        }
    }

    @Override
    public void sample(List<PoolSample> all) {
        all.forEach(this::remember);
        flushInstant();
    }

    @Override
    public void finish(List<PoolSample> all) {
        if (!sampled || all.isEmpty() || instant != all.get(0).time()) {
            all.forEach(this::remember);
        }
        flushInstant();
    }

    private void remember(PoolSample sample) {
        if (sample.time() != instant) {
            flushInstant();
            instant = sample.time();
        }
        int i = sample.pool().index();
        if (i >= pools.length) {
            grow(i + 1);
        }
        pools[i] = sample.pool();
        installed[i] = sample.installed();
        busy[i] = sample.busy();
        reserved[i] = sample.reserved();
        queuedJobs[i] = sample.queuedJobs();
        queuedGpus[i] = sample.queuedGpus();
        powered[i] = sample.powered();
        powerMw[i] = sample.powerMw();
        if (!dirty[i]) {
            dirty[i] = true;
            dirtyCount++;
        }
    }

    /** The instant's changed pools become rows, in pool order. */
    private void flushInstant() {
        for (int i = 0; i < dirty.length && dirtyCount > 0; i++) {
            if (!dirty[i]) {
                continue;
            }
            dirty[i] = false;
            dirtyCount--;
            batch.addSite(instant, pools[i], installed[i], reserved[i], busy[i], queuedJobs[i], queuedGpus[i], powered[i],
                    powerMw[i]);
            if (batch.full()) {
                batch = output.hand(batch);
            }
        }
    }

    private void grow(int size) {
        int n = Math.max(size, pools.length * 2);
        pools = Arrays.copyOf(pools, n);
        installed = Arrays.copyOf(installed, n);
        busy = Arrays.copyOf(busy, n);
        reserved = Arrays.copyOf(reserved, n);
        queuedJobs = Arrays.copyOf(queuedJobs, n);
        queuedGpus = Arrays.copyOf(queuedGpus, n);
        powered = Arrays.copyOf(powered, n);
        powerMw = Arrays.copyOf(powerMw, n);
        dirty = Arrays.copyOf(dirty, n);
    }

    /** Writes what is left and closes the files; a writer thread's failure is thrown here at the latest. */
    @Override
    public void close() {
        output.close(batch);
    }

    /** Where full batches go. */
    private interface Output {
        /** Takes a full batch; returns an empty one to fill. */
        RowBatch hand(RowBatch full);

        /** Writes the last, partly filled batch and closes the files. */
        void close(RowBatch last);
    }

    /** Formats on the simulation's thread: one batch, written and reused. */
    private static final class SameThread implements Output {
        private final RowFormatter formatter;

        SameThread(RowFormatter formatter) {
            this.formatter = formatter;
        }

        @Override
        public RowBatch hand(RowBatch full) {
            formatter.write(full);
            full.clear();
            return full;
        }

        @Override
        public void close(RowBatch last) {
            formatter.write(last);
            last.clear();
            formatter.close();
        }
    }

    /**
     * Formats on a daemon writer thread: batches go round between the two threads through two
     * queues (three batches, so each side can work while the other does), in order.
     */
    private static final class WriterThread implements Output {
        private static final int BATCHES = 3;
        /** Put on the queue of full batches to say there are no more. */
        private static final RowBatch END = new RowBatch();

        private final BlockingQueue<RowBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        private final BlockingQueue<RowBatch> empty = new ArrayBlockingQueue<>(BATCHES + 1);
        private final Thread thread;
        private volatile Throwable failure;
        /** Whether the failure was thrown to the simulation (on its thread only). */
        private boolean reported;

        WriterThread(RowFormatter formatter, String name) {
            for (int i = 1; i < BATCHES; i++) {
                empty.add(new RowBatch());
            }
            thread = new Thread(() -> drain(formatter), "capsim-rows " + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain(RowFormatter formatter) {
            try {
                for (RowBatch b = full.take(); b != END; b = full.take()) {
                    formatter.write(b);
                    b.clear();
                    empty.put(b);
                }
            } catch (InterruptedException e) {
                failure = new UncheckedIOException("cannot write the report: interrupted", new IOException(e));
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                if (failure != null) {
                    empty.offer(new RowBatch()); // the simulation may be waiting for a batch: let it go on (to fail)
                }
                try {
                    formatter.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }

        @Override
        public RowBatch hand(RowBatch batch) {
            rethrow();
            full.offer(batch); // never full: it holds at most the batches there are, and the end
            try {
                return empty.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt();
                throw new UncheckedIOException("cannot write the report: interrupted", new IOException(e));
            }
        }

        @Override
        public void close(RowBatch last) {
            if (!last.isEmpty()) {
                full.offer(last);
            }
            full.offer(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt(); // it stops, and closes the files
                throw new UncheckedIOException("cannot write the report: interrupted", new IOException(e));
            }
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure;
            if (t == null || reported) {
                return;
            }
            reported = true; // once: a close after a failed hand must not throw the same object again
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof Error error) {
                throw error;
            }
        }
    }
}
