package org.capsim.record;

/**
 * A pool's counts at one instant: after a change, at a sampling time, or at the horizon.
 *
 * @param planned  GPUs the build-out plan gives (installed minus those waiting to retire)
 * @param reserved GPUs held back for inference
 * @param powered  installed GPUs the site's power feeds (SPEC 6.2; all of them at a site without a power curve)
 * @param powerMw  the site's energized MW, or NaN when it has no power curve
 */
public record PoolSample(PoolId pool, double time, int installed, long planned, int reserved, int busy,
        int queuedJobs, long queuedGpus, long powered, double powerMw) {
}
