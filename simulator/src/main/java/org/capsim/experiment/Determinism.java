package org.capsim.experiment;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.PolicyRegistry;
import org.capsim.record.ReplicationRecorder;
import org.capsim.replication.Deal;
import org.capsim.replication.Replication;

/**
 * The determinism check: replication 1 of each policy of a point, simulated twice (side by side
 * when there are threads for it, so thread scheduling is part of what is checked), must execute
 * the same event sequence. A difference means something outside the seeds steers the model: a
 * bug of ours, or, when the deal has a planner's policy, most likely that policy.
 */
public final class Determinism {

    /** Told of each deal that passed. */
    public interface Listener {
        void verified(Deal deal, ReplicationResult result, double seconds);
    }

    private Determinism() {
    }

    /** @throws StudyFailure.NotDeterministic at the first deal whose two runs differ */
    public static void verify(SweepPoint point, Listener listener) {
        for (Deal deal : point.deals()) {
            long started = System.nanoTime();
            ReplicationResult[] runs = StudyFailure.guard(point, () -> twice(point, deal));
            ReplicationResult a = runs[0];
            ReplicationResult b = runs[1];
            if (a.digest() != b.digest() || a.events() != b.events()) {
                List<String> external = deal.phases().stream().map(Deal.Phase::policy).filter(e -> !e.builtIn())
                        .map(PolicyRegistry.Entry::name).toList();
                throw new StudyFailure.NotDeterministic(deal.label(), a, b, external);
            }
            listener.verified(deal, a, (System.nanoTime() - started) / 1e9);
        }
    }

    private static ReplicationResult[] twice(SweepPoint point, Deal deal) {
        Supplier<ReplicationResult> once = () -> Replication.run(point.scenario(), deal, 1, point.options().seed(),
                point.options().sampleHours(), ReplicationRecorder.NONE);
        if (point.options().threads() < 2) {
            return new ReplicationResult[] {once.get(), once.get()};
        }
        CompletableFuture<ReplicationResult> other = CompletableFuture.supplyAsync(once);
        ReplicationResult first = once.get();
        try {
            return new ReplicationResult[] {first, other.join()};
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
