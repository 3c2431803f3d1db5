package org.capsim.scenario;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.DoubleList;

/** Reads one numeric column of a CSV file: the values an empirical distribution resamples. */
final class EmpiricalReader {

    private EmpiricalReader() {
    }

    /** The column's values, each within {@code bounds}, or null after reporting problems. */
    static double[] read(Path path, String label, String column, DistributionReader.Bounds bounds, String keyPath,
            Problems problems) {
        CsvInput input = new CsvInput(path, label, problems);
        DoubleList values = new DoubleList();
        boolean readable = input.read(keyPath, List.of(column), "data", row -> {
            double value = row.number(column);
            if (Double.isNaN(value) || !bounds.allows(value) || value > bounds.max()) {
                row.problem(keyPath, "column '" + column + "' is '" + row.get(column) + "'; expected a number "
                        + bounds.describe());
                return;
            }
            values.add(value);
        });
        if (!readable || input.rowProblems() > 0) {
            return null;
        }
        if (values.size() == 0) {
            problems.add(new Location(label, 0, 0), keyPath, "column '" + column + "' has no values");
            return null;
        }
        return values.toArray();
    }
}
