package org.capsim.engine;

/** A replication stopped early because its thread was interrupted; it has no result. */
public final class ReplicationCancelled extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReplicationCancelled(double time) {
        super("replication cancelled at t=" + time + " h", null, false, false);
    }
}
