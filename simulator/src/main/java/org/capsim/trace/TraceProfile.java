package org.capsim.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a trace holds, for {@code capsim trace} (SPEC 6.5): its jobs, time span, GPU-hours, sizes,
 * arrivals per week and the rows skipped and why, gathered in one streamed pass (a job costs two
 * numbers kept, for the percentiles and the weeks).
 */
public final class TraceProfile implements JobSink {

    /** Row problems listed in full; past these only counted. */
    public static final int LISTED_PROBLEMS = 20;
    static final double WEEK_SECONDS = 7 * 86_400;

    /** A file's problem, located. */
    public record Problem(long line, String where, String message) {
    }

    /** Jobs of a size range of GPUs, {@code from} to {@code to}, and their GPU-hours. */
    public record SizeBucket(int from, int to, long jobs, double gpuHours) {
        public String label() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    private final TraceFormat format;
    private final EnumMap<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
    private final List<Problem> problems = new ArrayList<>();
    private long problemCount;
    private double[] submits = new double[1024];
    private double[] runs = new double[1024];
    private int jobs;
    private double gpuHours;
    private long gpuTotal;
    private int maxGpus;
    /** By bucket: 0 holds 1 GPU, k holds 2^(k-1)+1 to 2^k. */
    private final long[] bucketJobs = new long[32];
    private final double[] bucketHours = new double[32];

    private TraceProfile(TraceFormat format) {
        this.format = format;
    }

    /** Reads {@code file} in {@code format}; the profile holds its problems too, if any. */
    public static TraceProfile of(Path file, TraceFormat format) throws IOException {
        TraceProfile profile = new TraceProfile(format);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            format.reader().read(in, profile);
        }
        return profile;
    }

    @Override
    public void job(long line, CharSequence id, double submitSeconds, int gpus, double runSeconds) {
        if (jobs == submits.length) {
            submits = Arrays.copyOf(submits, jobs * 2);
            runs = Arrays.copyOf(runs, jobs * 2);
        }
        submits[jobs] = submitSeconds;
        runs[jobs] = runSeconds;
        jobs++;
        double hours = gpus * runSeconds / 3600;
        gpuHours += hours;
        gpuTotal += gpus;
        maxGpus = Math.max(maxGpus, gpus);
        int bucket = gpus <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(gpus - 1);
        bucketJobs[bucket]++;
        bucketHours[bucket] += hours;
    }

    @Override
    public void skipped(long line, SkipReason reason) {
        skips.merge(reason, 1L, Long::sum);
    }

    @Override
    public void problem(long line, String where, String message) {
        if (++problemCount <= LISTED_PROBLEMS) {
            problems.add(new Problem(line, where, message));
        }
    }

    public TraceFormat format() {
        return format;
    }

    /** The first {@link #LISTED_PROBLEMS} problems. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public long problemCount() {
        return problemCount;
    }

    public int jobs() {
        return jobs;
    }

    public double gpuHours() {
        return gpuHours;
    }

    public double meanGpus() {
        return jobs == 0 ? 0 : (double) gpuTotal / jobs;
    }

    public int maxGpus() {
        return maxGpus;
    }

    /** Skipped rows by reason, every reason (0 included), in the reasons' order. */
    public Map<SkipReason, Long> skipped() {
        EnumMap<SkipReason, Long> all = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            all.put(reason, skips.getOrDefault(reason, 0L));
        }
        return all;
    }

    public long skippedTotal() {
        return skips.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The earliest submit time, seconds on the format's clock (see {@link TraceFormat#absoluteTimes}). */
    public double firstSubmit() {
        double first = Double.POSITIVE_INFINITY;
        for (int i = 0; i < jobs; i++) {
            first = Math.min(first, submits[i]);
        }
        return first;
    }

    public double lastSubmit() {
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < jobs; i++) {
            last = Math.max(last, submits[i]);
        }
        return last;
    }

    /** Run time percentile {@code p} (0 to 1) in hours, nearest rank. */
    public double runHours(double p) {
        if (jobs == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(runs, jobs);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * jobs) - 1;
        return sorted[Math.max(0, Math.min(jobs - 1, rank))] / 3600;
    }

    /** Jobs submitted in each week from the first submission on (week 0 starts at it). */
    public long[] arrivalsPerWeek() {
        if (jobs == 0) {
            return new long[0];
        }
        double first = firstSubmit();
        long[] weeks = new long[(int) ((lastSubmit() - first) / WEEK_SECONDS) + 1];
        for (int i = 0; i < jobs; i++) {
            weeks[(int) ((submits[i] - first) / WEEK_SECONDS)]++;
        }
        return weeks;
    }

    /** The sizes from 1 GPU to the largest bucket holding a job, empty buckets between included. */
    public List<SizeBucket> sizes() {
        List<SizeBucket> buckets = new ArrayList<>();
        int last = 0;
        for (int k = 0; k < bucketJobs.length; k++) {
            if (bucketJobs[k] > 0) {
                last = k;
            }
        }
        for (int k = 0; k <= last && jobs > 0; k++) {
            int from = k == 0 ? 1 : (1 << (k - 1)) + 1;
            int to = k == 0 ? 1 : k == 31 ? Integer.MAX_VALUE : 1 << k;
            buckets.add(new SizeBucket(from, to, bucketJobs[k], bucketHours[k]));
        }
        return buckets;
    }
}
