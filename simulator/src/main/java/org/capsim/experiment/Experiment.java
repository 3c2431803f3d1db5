package org.capsim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

import org.capsim.metrics.ReplicationResult;
import org.capsim.record.ReplicationRecorder;
import org.capsim.replication.Deal;
import org.capsim.replication.Replication;
import org.capsim.scenario.Scenario;

/**
 * Replications of one scenario under one or more deals (the "arms" of a comparison). Each
 * replication of each arm runs on one thread with its own kernel, model and random streams.
 * Replication r of every arm uses the streams of (seed, r): the arms see the same jobs and the
 * same build-out (common random numbers). Results come back in replication order, so the output
 * does not depend on the number of threads.
 */
public final class Experiment {

    /** Told about replications as they run (from worker threads; implementations must be thread-safe). */
    public interface Progress {

        /** Replication {@code replication} of arm {@code arm} started; {@code clock} reads its simulated hour from any thread. */
        default void started(int arm, int replication, DoubleSupplier clock) {
        }

        /** It finished. */
        default void finished(int arm, int replication) {
        }

        Progress NONE = new Progress() {
        };
    }

    /** Opens the recorder of one replication of one arm; it is closed after the replication. */
    public interface Recorders {
        ReplicationRecorder open(int arm, int replication);

        /**
         * Takes the rows of replication {@code replication} of arm {@code arm} already made into
         * the text of jobs.csv and sites.csv elsewhere (a cluster's executor; see
         * {@link ReplicationRunner}), instead of recording them here.
         */
        default void rows(int arm, int replication, byte[] jobs, byte[] sites) {
            throw new UnsupportedOperationException("these recorders take no rows made elsewhere");
        }

        /**
         * Arm {@code arm}'s replication is done, its recorder closed (or its rows taken): its
         * result, for a report that keeps what a rerun would resume from.
         */
        default void finished(int arm, ReplicationResult result) {
        }
    }

    private Experiment() {
    }

    /** Replications 1..n of one deal: the results in replication order. */
    public static List<ReplicationResult> run(Scenario scenario, Deal deal, RunOptions options,
            IntFunction<ReplicationRecorder> recorders, Progress progress) {
        return run(scenario, List.of(deal), options, 1, options.replications(),
                (arm, replication) -> recorders.apply(replication), progress).get(0);
    }

    /**
     * Replications {@code first..last} (numbered from 1) of every deal.
     *
     * @return per deal, in the order given, the results in replication order
     */
    public static List<List<ReplicationResult>> run(Scenario scenario, List<Deal> deals, RunOptions options, int first,
            int last, Recorders recorders, Progress progress) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("replications " + first + ".." + last);
        }
        int arms = deals.size();
        int count = last - first + 1;
        // Tasks go replication by replication, arms within: the report writer can then append
        // every finished replication to jobs.csv as soon as those before it are done.
        int tasks = count * arms;
        ReplicationResult[] results = new ReplicationResult[tasks];
        if (options.threads() == 1 || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                results[t] = runOne(scenario, deals.get(t % arms), t % arms, first + t / arms, options, recorders, progress);
            }
            return byArm(results, arms, count);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), tasks), workerThreads());
        CompletionService<Integer> completions = new ExecutorCompletionService<>(pool);
        List<Future<Integer>> futures = new ArrayList<>(tasks);
        try {
            for (int t = 0; t < tasks; t++) {
                int task = t;
                futures.add(completions.submit(() -> {
                    results[task] = runOne(scenario, deals.get(task % arms), task % arms, first + task / arms, options,
                            recorders, progress);
                    return task;
                }));
            }
            // Wait in order of completion, so that a failing replication stops the run at once
            // instead of after every replication before it.
            for (int finished = 0; finished < tasks; finished++) {
                await(completions.take());
            }
            return byArm(results, arms, count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a replication", e);
        } finally {
            // On failure the caller deletes the half-written report: no worker may still be
            // writing into it then. Interrupted replications stop within a few thousand events.
            futures.forEach(future -> future.cancel(true));
            pool.shutdownNow();
            awaitWorkers(pool);
        }
    }

    private static List<List<ReplicationResult>> byArm(ReplicationResult[] results, int arms, int count) {
        List<List<ReplicationResult>> out = new ArrayList<>(arms);
        for (int arm = 0; arm < arms; arm++) {
            List<ReplicationResult> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(results[i * arms + arm]);
            }
            out.add(List.copyOf(list));
        }
        return out;
    }

    private static ReplicationResult runOne(Scenario scenario, Deal deal, int arm, int replication, RunOptions options,
            Recorders recorders, Progress progress) {
        ReplicationResult result;
        try (ReplicationRecorder recorder = recorders.open(arm, replication)) {
            result = Replication.run(scenario, deal, replication, options.seed(), options.sampleHours(), recorder,
                    clock -> progress.started(arm, replication, clock));
        }
        recorders.finished(arm, result);
        progress.finished(arm, replication);
        return result;
    }

    private static void awaitWorkers(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(Future<Integer> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a replication", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "capsim-replication-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
