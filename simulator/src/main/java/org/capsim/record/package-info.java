/**
 * What a replication tells the world: immutable records of jobs and pools, handed to
 * {@link org.capsim.record.ReplicationRecorder}s and metrics. Nothing downstream of a replication
 * sees its live model objects, so a recorder may keep or read these on any thread.
 */
package org.capsim.record;
