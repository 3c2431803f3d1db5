package org.capsim.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the same M/M/8 model (about 2 million events) on a bare PriorityQueue loop and on capsim's
 * kernel (DSOL's DevsSimulator with capsim's event heap, loop in the calling thread). The ratio
 * of their times is the kernel's overhead; BenchTable prints it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class KernelJmh {

    @Benchmark
    public double bareLoop() {
        return KernelBenchmark.bareLoop().meanWait();
    }

    @Benchmark
    public double capsimKernel() {
        return KernelBenchmark.capsimKernel().meanWait();
    }
}
