package org.capsim.model;

/** Queue discipline of every pool. */
public enum Scheduling {
    /** Priority, then first come first served; the head of the queue blocks those behind it. */
    FIFO("fifo"),
    /**
     * FIFO order, but a later job may start at once when it fits in the free GPUs and does not
     * delay the reserved start of the queue's head (EASY backfilling).
     */
    EASY_BACKFILL("easy-backfill");

    private final String key;

    Scheduling(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
