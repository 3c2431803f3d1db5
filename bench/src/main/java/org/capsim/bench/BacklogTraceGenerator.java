package org.capsim.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes an overloaded two-priority workload and the scenario that replays it: two providers of
 * {@value #GPUS_PER_PROVIDER} GPUs each, Poisson arrivals at {@value #LOAD}x what the fleet
 * serves, 1 to 8 GPUs, exponential durations, every tenth job in an urgent class of priority 10.
 * The queue grows all along, so each urgent arrival jumps ahead of a backlog that keeps
 * lengthening: the case where start estimates cost most. The same arguments give the same files.
 */
public final class BacklogTraceGenerator {

    static final int GPUS_PER_PROVIDER = 96;
    static final double LOAD = 1.3;
    private static final int[] SIZES = {1, 1, 1, 2, 4, 8};
    private static final double MEAN_SIZE = 17.0 / 6;
    private static final double MEAN_DURATION_S = 6 * 3600;
    private static final double YEAR_S = 365 * 86_400.0;

    private BacklogTraceGenerator() {
    }

    /**
     * Writes {@code urgent.csv}, {@code batch.csv} and {@code backlog.yaml} for {@code jobs} jobs
     * (130,000 a year) into {@code dir}; returns the scenario.
     */
    public static Path write(Path dir, int jobs, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        // arrival rate x mean GPU-seconds per job = LOAD x fleet GPUs
        double meanGapS = MEAN_SIZE * MEAN_DURATION_S / (LOAD * 2 * GPUS_PER_PROVIDER);
        double submit = 0;
        try (BufferedWriter urgent = open(dir.resolve("urgent.csv")); BufferedWriter batch = open(dir.resolve("batch.csv"))) {
            for (int i = 0; i < jobs; i++) {
                submit += -meanGapS * Math.log(1 - random.nextDouble());
                double duration = -MEAN_DURATION_S * Math.log(1 - random.nextDouble());
                int gpus = SIZES[random.nextInt(SIZES.length)];
                (i % 10 == 9 ? urgent : batch).write(String.format(Locale.ROOT, "j%d,%.3f,%d,%.3f%n", i, submit, gpus, duration));
            }
        }
        long days = (long) Math.ceil(submit / 86_400) + 1;
        String scenario = """
                # An overloaded fleet with two priorities: %d jobs at %.1fx the capacity of two providers
                # of %d GPUs each (bench/BacklogTraceGenerator, seed %d; about %.1f years).
                name: backlog-bench
                start: 2025-01-01
                horizon: %s
                seed: 1
                replications: 1
                gpu-types: { H100: { peak-tflops: 989 } }
                providers:
                  east: { price-per-gpu-hour: 2.0 }
                  west: { price-per-gpu-hour: 2.0 }
                sites:
                  - { id: e, provider: east, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: %d } ] }
                  - { id: w, provider: west, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: %d } ] }
                demand:
                  - { class: urgent, kind: trace, priority: 10, file: urgent.csv, time-unit: seconds,
                      columns: { submit: submit, gpus: gpus, duration: duration, id: id } }
                  - { class: batch, kind: trace, file: batch.csv, time-unit: seconds,
                      columns: { submit: submit, gpus: gpus, duration: duration, id: id } }
                routing: { policy: earliest-start }
                """.formatted(jobs, LOAD, GPUS_PER_PROVIDER, seed, submit / YEAR_S,
                LocalDate.of(2025, 1, 1).plusDays(days - 1), GPUS_PER_PROVIDER, GPUS_PER_PROVIDER);
        return Files.writeString(dir.resolve("backlog.yaml"), scenario, StandardCharsets.UTF_8);
    }

    private static BufferedWriter open(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write("id,submit,gpus,duration\n");
        return out;
    }

    /** {@code BacklogTraceGenerator DIR JOBS [SEED]} */
    public static void main(String[] args) throws IOException {
        System.out.println(write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 7));
    }
}
