package org.capsim.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Row (k), issue 23: reading a trace in the Standard Workload Format against reading the same jobs
 * as capsim's CSV: {@code capsim validate} of a scenario replaying each (validate reads the whole
 * trace and simulates nothing), in rounds that alternate the two, each keeping its fastest. The
 * fixed part of a run (JVM, launcher, scenario) is measured the same way on a one-job trace and
 * taken off both, so the target is on the reading itself. The SWF file is some three times the
 * CSV's bytes: 18 fields a job, as archive logs have them. The peak heap of each (from its GC log)
 * shows that streaming the SWF keeps within what the CSV needs.
 */
final class TraceFormatRow {

    /** SWF reading over CSV reading, the table's target. */
    static final double TARGET = 1.3;
    private static final double MEAN_GAP_S = 30;
    private static final double MEAN_DURATION_S = 400;
    private static final int[] SIZES = {1, 1, 1, 2, 4, 8};

    private final Launcher launcher;
    private final int rounds;

    TraceFormatRow(Launcher launcher, int rounds) {
        this.launcher = launcher;
        this.rounds = rounds;
    }

    List<Row> measure(int jobs) throws Exception {
        Path dir = launcher.work().resolve("formats-" + jobs);
        Path one = launcher.work().resolve("formats-1");
        if (!Files.exists(dir.resolve("swf.yaml"))) {
            write(dir, jobs, 7);
        }
        if (!Files.exists(one.resolve("swf.yaml"))) {
            write(one, 1, 7);
        }
        Timed csv = null;
        Timed swf = null;
        Timed fixed = null;
        for (int round = 0; round < rounds; round++) {
            fixed = Timed.faster(fixed, validate(one.resolve("swf.yaml"), "validate swf 1 job", one.resolve("gc.log")));
            csv = Timed.faster(csv, validate(dir.resolve("csv.yaml"), "validate csv " + jobs, dir.resolve("gc-csv.log")));
            swf = Timed.faster(swf, validate(dir.resolve("swf.yaml"), "validate swf " + jobs, dir.resolve("gc-swf.log")));
        }
        double csvReading = csv.seconds() - fixed.seconds();
        double swfReading = swf.seconds() - fixed.seconds();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(String.format(Locale.ROOT, "(k) reading %,d jobs, SWF / CSV", jobs)
                + (rounds > 1 ? ", best of " + rounds : ""),
                String.format(Locale.ROOT, "CSV %.2f s (%.0f MB file, heap %d MB)", csv.seconds(),
                        megabytes(dir.resolve("trace.csv")), csv.peakHeapMb()),
                String.format(Locale.ROOT, "SWF %.2f s (%.0f MB file, heap %d MB)", swf.seconds(),
                        megabytes(dir.resolve("trace.swf")), swf.peakHeapMb()),
                String.format(Locale.ROOT, "whole runs %.2fx", swf.seconds() / csv.seconds())));
        rows.add(new Row("    reading alone: less a 1-job validate", String.format(Locale.ROOT, "CSV %.2f s (fixed %.2f s)",
                csvReading, fixed.seconds()), String.format(Locale.ROOT, "SWF %.2f s", swfReading),
                csvReading > 0 ? Row.ratio(swfReading / csvReading, TARGET) : "no ratio: the CSV ran no slower than 1 job (noise)"));
        return rows;
    }

    private static double megabytes(Path file) throws IOException {
        return Files.size(file) / 1e6;
    }

    /** {@code capsim validate}, with the launcher's JVM defaults and a GC log for the peak heap. */
    private Timed validate(Path scenario, String what, Path gcLog) throws Exception {
        return launcher.time(what, launcher.capsim("validate", scenario.toString()), gcLog, "-Xlog:gc:file=" + gcLog);
    }

    /**
     * Writes {@code trace.csv} and {@code trace.swf}, the same {@code jobs} jobs (ids, submit and
     * run times in whole seconds, GPUs), and {@code csv.yaml} and {@code swf.yaml} replaying each;
     * the same arguments always give the same files.
     */
    static void write(Path dir, int jobs, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        long submit = 0;
        try (BufferedWriter csv = Files.newBufferedWriter(dir.resolve("trace.csv"), StandardCharsets.UTF_8);
                BufferedWriter swf = Files.newBufferedWriter(dir.resolve("trace.swf"), StandardCharsets.UTF_8)) {
            csv.write("id,submit,gpus,duration\n");
            swf.write("; Version: 2.2\n; Computer: bench/TraceFormatRow, a synthetic 64-GPU cluster\n"
                    + "; UnixStartTime: 1735689600\n; MaxJobs: " + jobs + "\n; MaxProcs: 64\n;\n");
            StringBuilder line = new StringBuilder(128);
            for (int i = 1; i <= jobs; i++) {
                submit += Math.round(-MEAN_GAP_S * Math.log(1 - random.nextDouble()));
                long run = 1 + Math.round(-MEAN_DURATION_S * Math.log(1 - random.nextDouble()));
                int gpus = SIZES[random.nextInt(SIZES.length)];
                long wait = random.nextInt(600);
                line.setLength(0);
                line.append(i).append(',').append(submit).append(',').append(gpus).append(',').append(run).append('\n');
                csv.append(line);
                // job, submit, wait, run, allocated, CPU time, memory, requested, requested time, requested
                // memory, status, user, group, executable, queue, partition, preceding job, think time
                line.setLength(0);
                line.append(i).append(' ').append(submit).append(' ').append(wait).append(' ').append(run).append(' ')
                        .append(gpus).append(' ').append(run * gpus).append(' ').append(-1).append(' ').append(gpus).append(' ')
                        .append(run * 2).append(' ').append(-1).append(' ').append(1).append(' ').append(1 + i % 97).append(' ')
                        .append(1 + i % 7).append(" -1 1 -1 -1 -1\n");
                swf.append(line);
            }
        }
        long days = submit / 86_400 + 2;
        String scenario = """
                # %d jobs (bench/TraceFormatRow, seed %d), read from the %s file.
                name: formats-bench
                start: 2025-01-01
                horizon: %s
                seed: 1
                replications: 1
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 2 } }
                sites:
                  - { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 64 } ] }
                demand:
                  - { class: replay, kind: trace, %s }
                """;
        String horizon = java.time.LocalDate.of(2025, 1, 1).plusDays(days).toString();
        Files.writeString(dir.resolve("csv.yaml"), scenario.formatted(jobs, seed, "CSV", horizon,
                "file: trace.csv, columns: { submit: submit, gpus: gpus, duration: duration, id: id }"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("swf.yaml"), scenario.formatted(jobs, seed, "SWF", horizon,
                "file: trace.swf, format: swf"), StandardCharsets.UTF_8);
    }
}
