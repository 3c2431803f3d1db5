package org.capsim.model;

/** Queue discipline of every pool. */
public enum Scheduling {
    /** Priority, then first come first served; the head of the queue blocks those behind it. */
    FIFO("fifo");

    private final String key;

    Scheduling(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
