package org.capsim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.capsim.demand.Trace;
import org.capsim.metrics.DoubleList;

/**
 * Reads a job trace (CSV with a header) into a {@link Trace} on the simulation clock. Rows that
 * cannot be read are reported by line; rows outside the simulated period are counted and left out;
 * a file not ordered by submit time is replayed in submit-time order (stable sort).
 */
final class TraceReader {

    /** Column roles of the {@code columns} mapping. */
    record Columns(String submit, String gpus, String duration, String id) {
    }

    static final long MAX_GPUS = 100_000_000L;

    private TraceReader() {
    }

    /**
     * @param hoursPerUnit hours in one unit of the trace's time columns
     * @param originHours  simulation time of trace time 0
     * @param endHours     end of the simulated period
     * @param keyPath      scenario path of the class, e.g. {@code demand[2]}
     * @return the trace, or null when it had problems
     */
    static Trace read(Path path, String label, Columns columns, double hoursPerUnit, double originHours,
            double endHours, String className, String keyPath, Problems problems) {
        List<String> needed = new ArrayList<>(List.of(columns.submit(), columns.gpus(), columns.duration()));
        if (columns.id() != null) {
            needed.add(columns.id());
        }
        CsvInput input = new CsvInput(path, label, problems);
        DoubleList arrivals = new DoubleList();
        DoubleList hours = new DoubleList();
        DoubleList gpus = new DoubleList(); // whole numbers up to MAX_GPUS: exact as doubles, and unboxed
        List<String> ids = new ArrayList<>();
        IdIndex seenIds = new IdIndex();
        int[] skipped = {0};
        int[] rows = {0};
        boolean readable = input.read(keyPath + ".file", needed, "trace", row -> {
            rows[0]++;
            double submit = row.number(columns.submit());
            double count = row.number(columns.gpus());
            double duration = row.number(columns.duration());
            boolean ok = true;
            if (Double.isNaN(submit) || submit < 0) {
                row.problem(keyPath + ".columns.submit", "column '" + columns.submit() + "' is '"
                        + row.get(columns.submit()) + "'; expected a time of 0 or more");
                ok = false;
            }
            if (Double.isNaN(count) || count < 1 || count != Math.rint(count) || count > MAX_GPUS) {
                row.problem(keyPath + ".columns.gpus", "column '" + columns.gpus() + "' is '"
                        + row.get(columns.gpus()) + "'; expected a whole number of GPUs from 1 to " + MAX_GPUS);
                ok = false;
            }
            if (Double.isNaN(duration) || duration < 0) {
                row.problem(keyPath + ".columns.duration", "column '" + columns.duration() + "' is '"
                        + row.get(columns.duration()) + "'; expected a duration of 0 or more");
                ok = false;
            }
            String id = columns.id() == null ? className + "-" + rows[0] : row.get(columns.id());
            if (columns.id() != null) {
                if (id.isEmpty()) {
                    row.problem(keyPath + ".columns.id", "column '" + columns.id() + "' is empty; every job needs an id");
                    ok = false;
                } else {
                    int first = seenIds.firstLine(id, row.line());
                    if (first != 0) {
                        row.problem(keyPath + ".columns.id", "duplicate job id '" + id + "' (first at line " + first + ")");
                        ok = false;
                    }
                }
            }
            if (!ok) {
                return;
            }
            double arrival = originHours + submit * hoursPerUnit;
            if (arrival < 0 || arrival >= endHours) {
                skipped[0]++;
                return;
            }
            arrivals.add(arrival);
            hours.add(duration * hoursPerUnit);
            gpus.add(count);
            ids.add(id);
        });
        if (!readable || input.rowProblems() > 0) {
            return null;
        }
        if (rows[0] == 0) {
            problems.add(new Location(label, 0, 0), keyPath + ".file", "the trace has a header but no rows");
            return null;
        }
        return sorted(label, arrivals.toArray(), hours.toArray(), gpus.toArray(), ids, skipped[0]);
    }

    private static Trace sorted(String label, double[] arrivals, double[] hours, double[] gpus, List<String> ids,
            int skipped) {
        int n = arrivals.length;
        boolean ordered = true;
        for (int i = 1; i < n && ordered; i++) {
            ordered = arrivals[i - 1] <= arrivals[i];
        }
        if (ordered) { // the usual case: the arrays as read, no index sort
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                g[i] = (int) gpus[i];
            }
            return new Trace(label, ids.toArray(new String[0]), arrivals, g, hours, skipped, false);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (!ordered) {
            Arrays.sort(order, (a, b) -> Double.compare(arrivals[a], arrivals[b])); // stable
        }
        double[] a = new double[n];
        double[] h = new double[n];
        int[] g = new int[n];
        String[] id = new String[n];
        for (int i = 0; i < n; i++) {
            int k = order[i];
            a[i] = arrivals[k];
            h[i] = hours[k];
            g[i] = (int) gpus[k];
            id[i] = ids.get(k);
        }
        return new Trace(label, id, a, g, h, skipped, !ordered);
    }
}
