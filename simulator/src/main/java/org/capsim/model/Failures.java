package org.capsim.model;

/**
 * GPU failures and the checkpoint/restart cycle of training jobs: a running job of g GPUs is
 * interrupted at rate g / MTBF, loses the work since its last checkpoint, pays the restart time
 * and goes on holding its GPUs.
 *
 * @param gpuMtbfHours    mean time between failures of one GPU (all-in: node, network, software)
 * @param checkpointHours hours of progress between two checkpoints
 * @param restartHours    hours from an interruption until the job computes again
 */
public record Failures(double gpuMtbfHours, double checkpointHours, double restartHours) {
}
