package org.capsim.report.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.capsim.metrics.Estimate;
import org.capsim.report.ReportFormatException;

/**
 * A sweep's sweep.csv read back: per point, policy and metric, the estimate, with the point's
 * value of each swept key.
 *
 * @param paths the swept keys, in the order of the --set options (the first varies slowest)
 */
public record SweepData(List<String> paths, List<Row> rows) {

    /** One row of sweep.csv. */
    public record Row(int point, String folder, List<String> values, String policy, String metric, Estimate estimate) {
    }

    private static final List<String> TAIL = List.of("policy", "metric", "mean", "ci95", "n");
    /** The tail since sweep.csv carries each point's paired difference against point 1 (SPEC 6.4). */
    private static final List<String> TAIL_WITH_DELTA = List.of("policy", "metric", "mean", "ci95", "n", "delta",
            "delta_ci95");

    public static SweepData read(Path file) throws IOException, ReportFormatException {
        try (CSVParser parser = CSVFormat.DEFAULT.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new ReportFormatException(file + ": empty (expected a header row)");
            }
            List<String> header = records.get(0).toList();
            List<String> tail = header.get(header.size() - 1).equals("delta_ci95") ? TAIL_WITH_DELTA : TAIL;
            int keys = header.size() - 2 - tail.size();
            if (keys < 1 || !header.get(0).equals("point") || !header.get(1).equals("folder")
                    || !header.subList(header.size() - tail.size(), header.size()).equals(tail)) {
                throw new ReportFormatException(file + ": line 1: expected point, folder, the swept keys, "
                        + String.join(", ", TAIL) + " (not a capsim sweep.csv?)");
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : records.subList(1, records.size())) {
                if (r.size() != header.size()) {
                    throw new ReportFormatException(file + ": line " + r.getRecordNumber() + ": " + r.size() + " fields, expected "
                            + header.size());
                }
                try {
                    int k = 2 + keys;
                    rows.add(new Row(Integer.parseInt(r.get(0)), r.get(1), r.toList().subList(2, k), r.get(k), r.get(k + 1),
                            new Estimate(number(r.get(k + 2)), number(r.get(k + 3)), Integer.parseInt(r.get(k + 4)))));
                } catch (NumberFormatException e) {
                    throw new ReportFormatException(file + ": line " + r.getRecordNumber() + ": not a number: " + e.getMessage());
                }
            }
            return new SweepData(header.subList(2, 2 + keys), rows);
        } catch (NoSuchFileException e) {
            throw new ReportFormatException(file + ": missing");
        }
    }

    private static double number(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    /** The point folders, in order. */
    public List<String> folders() {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.folder()));
        return new ArrayList<>(out);
    }

    public List<String> policies() {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.policy()));
        return new ArrayList<>(out);
    }
}
