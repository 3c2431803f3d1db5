package org.capsim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.capsim.metrics.ReplicationResult;
import org.capsim.scenario.Scenario;

/**
 * The replications of one scenario under one deal (a policy, or policies by phase). Each replication runs on one thread with its
 * own kernel, model and random streams; results come back in replication order, so the output
 * does not depend on the number of threads.
 */
public final class Experiment {

    /** Told when a replication is done (from the worker thread). */
    public interface Progress {
        void replicationDone(ReplicationResult result, int done, int total);

        Progress NONE = (result, done, total) -> {
        };
    }

    private Experiment() {
    }

    /**
     * @param recorders opens the recorder of replication r (numbered from 1); closed after it
     */
    public static List<ReplicationResult> run(Scenario scenario, Deal deal, RunOptions options,
            IntFunction<ReplicationRecorder> recorders, Progress progress) {
        int total = options.replications();
        AtomicInteger done = new AtomicInteger();
        if (options.threads() == 1 || total == 1) {
            List<ReplicationResult> results = new ArrayList<>();
            for (int r = 1; r <= total; r++) {
                ReplicationResult result = runOne(scenario, deal, r, options, recorders);
                results.add(result);
                progress.replicationDone(result, done.incrementAndGet(), total);
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), total), daemonThreads());
        CompletionService<ReplicationResult> completions = new ExecutorCompletionService<>(pool);
        List<Future<ReplicationResult>> futures = new ArrayList<>();
        try {
            for (int r = 1; r <= total; r++) {
                int replication = r;
                futures.add(completions.submit(() -> {
                    ReplicationResult result = runOne(scenario, deal, replication, options, recorders);
                    progress.replicationDone(result, done.incrementAndGet(), total);
                    return result;
                }));
            }
            // Wait in order of completion, so that a failing replication stops the run at once
            // instead of after every replication before it; results still go out in order.
            ReplicationResult[] results = new ReplicationResult[total];
            for (int finished = 0; finished < total; finished++) {
                Future<ReplicationResult> future = completions.take();
                ReplicationResult result = await(future);
                results[futures.indexOf(future)] = result;
            }
            return List.of(results);
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

    private static ReplicationResult runOne(Scenario scenario, Deal deal, int replication,
            RunOptions options, IntFunction<ReplicationRecorder> recorders) {
        try (ReplicationRecorder recorder = recorders.apply(replication)) {
            return Replication.run(scenario, deal, replication, options, recorder);
        }
    }

    private static ReplicationResult await(Future<ReplicationResult> future) {
        try {
            return future.get();
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

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "capsim-replication-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
