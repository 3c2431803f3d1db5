package org.capsim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.csv.Span;
import org.capsim.demand.Trace;
import org.capsim.demand.TraceIds;

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
        Rows rows = new Rows(columns, hoursPerUnit, originHours, endHours, className, keyPath);
        // the ids are checked on a second core while the rows are read: a third of reading a
        // million-row trace, spent in a hash table far larger than the CPU's caches
        boolean readable = input.read(keyPath + ".file", needed, "trace", rows,
                columns.id() == null ? null : new UniqueIds(columns.id(), keyPath));
        if (!readable || input.rowProblems() > 0) {
            return null;
        }
        if (rows.read == 0) {
            problems.add(new Location(label, 0, 0), keyPath + ".file", "the trace has a header but no rows");
            return null;
        }
        return rows.trace(label);
    }

    /** The rows kept, in a {@link TraceArrays}. */
    private static final class Rows implements CsvInput.RowHandler {
        private final Columns columns;
        private final double hoursPerUnit;
        private final double originHours;
        private final double endHours;
        private final String idPrefix;
        private final String keyPath;
        private TraceIds.Builder ids;
        private TraceArrays kept;
        /** Rows read, whether kept or not (a row's number when the trace has no id column). */
        int read;
        private int skipped;

        Rows(Columns columns, double hoursPerUnit, double originHours, double endHours, String className, String keyPath) {
            this.columns = columns;
            this.hoursPerUnit = hoursPerUnit;
            this.originHours = originHours;
            this.endHours = endHours;
            this.idPrefix = className + "-";
            this.keyPath = keyPath;
            expect(16);
        }

        @Override
        public void expect(int rows) {
            ids = new TraceIds.Builder(rows);
            kept = new TraceArrays(rows);
        }

        @Override
        public void row(CsvInput.Row row) {
            read++;
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
            if (!ok) {
                return;
            }
            double arrival = originHours + submit * hoursPerUnit;
            if (arrival < 0 || arrival >= endHours) {
                skipped++;
                return;
            }
            kept.add(arrival, duration * hoursPerUnit, (int) count); // a whole number up to MAX_GPUS
            if (columns.id() != null) {
                Span id = row.span(columns.id()); // checked by UniqueIds: any problem there fails the trace
                ids.add(id.text(), id.from(), id.to());
            } else {
                ids.add(idPrefix, read);
            }
        }

        Trace trace(String label) {
            return kept.trace(label, ids.build(), skipped, "csv", java.util.Map.of());
        }
    }

    /** Every row's job id, present and not seen before (whether the row is kept or not). */
    private static final class UniqueIds implements CsvInput.RowHandler {
        private final String column;
        private final String keyPath;
        private IdIndex seen = new IdIndex();

        UniqueIds(String column, String keyPath) {
            this.column = column;
            this.keyPath = keyPath;
        }

        @Override
        public void expect(int rows) {
            seen = new IdIndex(rows);
        }

        @Override
        public void row(CsvInput.Row row) {
            Span id = row.span(column);
            if (id.isEmpty()) {
                row.problem(keyPath + ".columns.id", "column '" + column + "' is empty; every job needs an id");
                return;
            }
            int first = seen.firstLine(id, row.line());
            if (first != 0) {
                row.problem(keyPath + ".columns.id", "duplicate job id '" + id + "' (first at line " + first + ")");
            }
        }
    }
}
