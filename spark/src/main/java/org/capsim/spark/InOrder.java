package org.capsim.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.capsim.metrics.ReplicationResult;

/**
 * Tasks' results as they come, in any order, handed on in task order: each is held only until
 * every task before it has come back, then its rows go on and only its result is kept.
 */
final class InOrder {

    private final ReplicationTask.Done[] waiting;
    private final ReplicationResult[] results;
    private final Consumer<ReplicationTask.Done> next;
    private int handed;

    InOrder(int tasks, Consumer<ReplicationTask.Done> next) {
        this.waiting = new ReplicationTask.Done[tasks];
        this.results = new ReplicationResult[tasks];
        this.next = next;
    }

    /** Task {@code index} (from 0) came back. */
    synchronized void arrived(int index, ReplicationTask.Done done) {
        waiting[index] = done;
        results[index] = done.result();
        while (handed < waiting.length && waiting[handed] != null) {
            ReplicationTask.Done ready = waiting[handed];
            waiting[handed] = null;
            handed++;
            next.accept(ready);
        }
    }

    /** Per arm, the results in task order; every task must have come back. */
    synchronized List<List<ReplicationResult>> byArm(int arms) {
        if (handed != results.length) {
            throw new IllegalStateException(results.length - handed + " Spark tasks did not come back");
        }
        List<List<ReplicationResult>> out = new ArrayList<>(arms);
        for (int arm = 0; arm < arms; arm++) {
            List<ReplicationResult> list = new ArrayList<>();
            for (int i = arm; i < results.length; i += arms) {
                list.add(results[i]);
            }
            out.add(List.copyOf(list));
        }
        return out;
    }
}
