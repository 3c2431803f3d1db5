package org.capsim.cluster;

/** Strict FIFO: nothing starts before the head of the queue, which waits for all its GPUs. */
final class Fifo implements QueueDiscipline {

    private final Pool pool;
    private final PoolQueue queue;
    private final Capacity capacity;

    Fifo(Pool pool, PoolQueue queue, Capacity capacity) {
        this.pool = pool;
        this.queue = queue;
        this.capacity = capacity;
    }

    @Override
    public boolean dispatch() {
        startHeads(pool, queue, capacity);
        return false;
    }

    /** Starts the head of the queue while its GPUs are free; returns the head left waiting, or null. */
    static Job startHeads(Pool pool, PoolQueue queue, Capacity capacity) {
        Job head;
        while ((head = queue.peek()) != null && head.gpus <= capacity.margin()) {
            queue.poll();
            pool.start(head);
        }
        return head;
    }
}
