package org.capsim.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic job trace on one pool and the scenario that replays it: Poisson arrivals,
 * 1 to 8 GPUs, exponential durations, at a load of about 0.6 so queues form and clear. The same
 * arguments always give the same files.
 */
public final class TraceGenerator {

    /** GPUs of the pool. */
    public static final int GPUS = 64;
    /** Price per GPU-hour of the pool's provider. */
    public static final double PRICE = 2.0;
    private static final double MEAN_GAP_S = 30;
    private static final double MEAN_DURATION_S = 400;
    private static final int[] SIZES = {1, 1, 1, 2, 4, 8};

    private TraceGenerator() {
    }

    /** Writes {@code trace.csv} and {@code replay.yaml} with {@code jobs} jobs into {@code dir}; returns the scenario. */
    public static Path write(Path dir, int jobs, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        double submit = 0;
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("trace.csv"), StandardCharsets.UTF_8)) {
            out.write("id,submit,gpus,duration\n");
            StringBuilder row = new StringBuilder(64);
            for (int i = 0; i < jobs; i++) {
                submit += -MEAN_GAP_S * Math.log(1 - random.nextDouble());
                double duration = -MEAN_DURATION_S * Math.log(1 - random.nextDouble());
                row.setLength(0);
                row.append('j').append(i).append(',').append(String.format(Locale.ROOT, "%.3f", submit)).append(',')
                        .append(SIZES[random.nextInt(SIZES.length)]).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", duration)).append('\n');
                out.append(row);
            }
        }
        // the horizon covers the whole trace: about MEAN_GAP_S x jobs seconds
        long days = (long) Math.ceil(submit / 86_400) + 1;
        String scenario = """
                # A synthetic trace of %d jobs on one pool of %d GPUs (bench/TraceGenerator, seed %d).
                name: replay-bench
                start: 2025-01-01
                horizon: %s
                seed: 1
                replications: 1
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: %s } }
                sites:
                  - { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: %d } ] }
                demand:
                  - { class: replay, kind: trace, file: trace.csv, time-unit: seconds,
                      columns: { submit: submit, gpus: gpus, duration: duration, id: id } }
                routing: { policy: earliest-start }
                """.formatted(jobs, GPUS, seed, java.time.LocalDate.of(2025, 1, 1).plusDays(days - 1), PRICE, GPUS);
        return Files.writeString(dir.resolve("replay.yaml"), scenario, StandardCharsets.UTF_8);
    }

    /** {@code TraceGenerator DIR JOBS [SEED]} */
    public static void main(String[] args) throws IOException {
        Path scenario = write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 5);
        System.out.println(scenario);
    }
}
