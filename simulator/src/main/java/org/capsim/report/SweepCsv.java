package org.capsim.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;

/**
 * sweep.csv: one row per point x policy x metric of summary.json's {@code metrics}, with the
 * point's value of each swept key, so a planner can plot any metric against any key; and the
 * paired difference against point 1 for the same policy and metric (SPEC 6.4): every point ran
 * on the same seed, so replication r of each saw the same random numbers.
 */
public final class SweepCsv {

    /**
     * One point's figures.
     *
     * @param overrides key path to the value set, in the order of the --set options
     * @param deltas    per policy, each metric's paired difference against point 1's same policy
     */
    public record Point(int number, Map<String, String> overrides, List<String> policies, List<Summary> summaries,
            List<Map<String, Comparison.Difference>> deltas) {
    }

    private SweepCsv() {
    }

    /** The sub-folder of point {@code number} of {@code total}, zero-padded so that folders sort in order. */
    public static String pointFolder(int number, int total) {
        int width = Math.max(2, Integer.toString(total).length());
        return String.format(Locale.ROOT, "point-%0" + width + "d", number);
    }

    /** @param paths the swept keys, as columns after {@code point} */
    public static void write(Path file, List<String> paths, List<Point> points) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("point");
        header.add("folder");
        header.addAll(paths);
        header.addAll(List.of("policy", "metric", "mean", "ci95", "n", "delta", "delta_ci95"));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            csv.printRecord(header);
            for (Point point : points) {
                for (int p = 0; p < point.policies().size(); p++) {
                    for (Map.Entry<String, Estimate> metric : point.summaries().get(p).metrics().entrySet()) {
                        List<String> row = new ArrayList<>(header.size());
                        row.add(Integer.toString(point.number()));
                        row.add(pointFolder(point.number(), points.size()));
                        paths.forEach(path -> row.add(point.overrides().get(path)));
                        row.add(point.policies().get(p));
                        row.add(metric.getKey());
                        Estimate e = metric.getValue();
                        row.add(Num.format(e.mean()));
                        row.add(Num.format(e.ci95()));
                        row.add(Integer.toString(e.n()));
                        Comparison.Difference d = point.deltas().get(p).get(metric.getKey());
                        row.add(d == null ? "" : Num.format(d.mean()));
                        row.add(d == null ? "" : Num.format(d.ci95()));
                        csv.printRecord(row);
                    }
                }
            }
        }
    }

    /** The end-of-run table: per point and policy, the headline figures. */
    public static void printTable(PrintWriter out, List<Point> points) {
        List<String> paths = points.isEmpty() ? List.of() : List.copyOf(points.get(0).overrides().keySet());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-6s", "point"));
        paths.forEach(path -> head.append(String.format(Locale.ROOT, " %-14s", shortKey(path))));
        head.append(String.format(Locale.ROOT, " %-16s %18s %14s %10s", "policy", "mean wait (h)", "completed", "util (%)"));
        out.println(head);
        for (Point point : points) {
            for (int p = 0; p < point.policies().size(); p++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6d", point.number()));
                paths.forEach(path -> line.append(String.format(Locale.ROOT, " %-14s", point.overrides().get(path))));
                Map<String, Estimate> m = point.summaries().get(p).metrics();
                line.append(String.format(Locale.ROOT, " %-16s %18s %14s %10s", point.policies().get(p),
                        SummaryTable.withCi(m.get("wait_h_mean"), 1), SummaryTable.number(m.get("jobs_completed").mean()),
                        SummaryTable.number(m.get("utilization").mean() * 100)));
                out.println(line);
            }
        }
        out.println();
        out.println("Every metric of every point: sweep.csv; each point's full report: point-NN/.");
    }

    /** The last part of a key path: the column heading. */
    private static String shortKey(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
