package org.capsim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.capsim.csv.CsvException;
import org.capsim.csv.CsvReader;
import org.capsim.csv.CsvRecord;
import org.capsim.csv.Span;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * Reads a CSV input file with a header row, record by record with line numbers, turning
 * anything unreadable into located problems. At most {@link #MAX_ROW_PROBLEMS} row problems are
 * listed per file, then a count of the rest.
 */
final class CsvInput {

    static final int MAX_ROW_PROBLEMS = 20;

    /** One data row, valid during the call that gives it. */
    interface Row {
        /** 1-based line where the row starts. */
        int line();

        String get(String column);

        /** The column as a finite number, or NaN (as {@link CsvInput#parseNumber} of {@link #get}). */
        double number(String column);

        /**
         * The column's text, trimmed as {@link #get}, as a span of a larger String: for a reader
         * that keeps a million values, without a String of each.
         */
        Span span(String column);

        /** Records a problem with this row. */
        void problem(String keyPath, String message);
    }

    interface RowHandler {
        /** Told once, before the first row, how many rows the file can have at most (its line breaks + 1). */
        default void expect(int rows) {
        }

        void row(Row row);
    }

    private final Path path;
    private final String label;
    private final Problems problems;
    private int rowProblems;

    CsvInput(Path path, String label, Problems problems) {
        this.path = path;
        this.label = label;
        this.problems = problems;
    }

    /**
     * Reads the file; checks that {@code columns} are in its header.
     *
     * @param keyPath scenario key that names the file, for messages
     * @return whether the header was usable (rows may still have had problems)
     */
    boolean read(String keyPath, List<String> columns, String what, RowHandler handler) {
        return read(keyPath, columns, what, handler, null);
    }

    /**
     * As {@link #read(String, List, String, RowHandler)}, with a second handler given every row as
     * well, on a thread of its own (a large trace: its job ids are checked for duplicates while
     * the main handler reads the numbers). The problems of both are reported as if the two were
     * called in turn for each row, {@code handler} first: by line, with the same limit on how many
     * are listed.
     *
     * @param alongside the second handler, or null; it must not share state with {@code handler}
     */
    boolean read(String keyPath, List<String> columns, String what, RowHandler handler, RowHandler alongside) {
        Optional<String> text = YamlFile.readText(path, label, what, problems);
        if (text.isEmpty()) {
            return false;
        }
        if (text.get().isBlank()) {
            problems.add(new Location(label, 0, 0), keyPath, "the " + what + " file is empty; it needs a header row");
            return false;
        }
        int rows = lineBreaks(text.get()) + 1;
        handler.expect(rows);
        if (alongside != null) {
            alongside.expect(rows);
        }
        CsvReader csv = CsvReader.lenient(text.get());
        List<String> header;
        try {
            header = csv.header();
        } catch (CsvException e) {
            problems.add(new Location(label, (int) e.line(), 0), keyPath,
                    "cannot read the " + what + " as CSV: " + e.getMessage());
            return false;
        }
        if (header == null) {
            problems.add(new Location(label, 0, 0), keyPath, "the " + what + " file is empty; it needs a header row");
            return false;
        }
        if (!hasColumns(header, columns, (int) csv.headerLine(), keyPath)) {
            return false;
        }
        Columns body = new Columns(header, columns, keyPath);
        if (alongside == null) {
            body.pass(csv, handler, this::rowProblem, true);
        } else {
            List<Located> mine = new ArrayList<>();
            List<Located> theirs = new ArrayList<>();
            Thread other = new Thread(() -> {
                CsvReader own = CsvReader.lenient(text.get());
                try {
                    own.header();
                } catch (CsvException e) {
                    throw new IllegalStateException("the header read once already", e);
                }
                body.pass(own, alongside, (where, path, message) -> theirs.add(new Located(where, path, message)), false);
            }, "capsim-csv " + label);
            other.setDaemon(true);
            Throwable[] failed = {null};
            other.setUncaughtExceptionHandler((thread, e) -> failed[0] = e);
            other.start();
            try {
                body.pass(csv, handler, (where, path, message) -> mine.add(new Located(where, path, message)), true);
            } finally {
                joinUninterruptibly(other);
            }
            if (failed[0] instanceof RuntimeException e) {
                throw e;
            } else if (failed[0] instanceof Error e) {
                throw e;
            }
            merge(mine, theirs);
        }
        noteUnlistedRows(keyPath);
        return true;
    }

    /** Whether {@code header} names every one of {@code columns}; records which it lacks otherwise. */
    private boolean hasColumns(List<String> header, List<String> columns, int headerLine, String keyPath) {
        List<String> missing = columns.stream().filter(c -> !header.contains(c)).toList();
        if (missing.isEmpty()) {
            return true;
        }
        problems.add(new Location(label, headerLine, 0), keyPath, "the header has no column "
                + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                + "; its columns are: " + String.join(", ", header));
        return false;
    }

    /** After the rows: how many row problems were past the listed ones, if any. */
    private void noteUnlistedRows(String keyPath) {
        if (rowProblems > MAX_ROW_PROBLEMS) {
            problems.add(new Location(label, 0, 0), keyPath,
                    "... and " + (rowProblems - MAX_ROW_PROBLEMS) + " more rows with problems");
        }
    }

    /** A row problem held back until both handlers are done. */
    private record Located(Location where, String path, String message) {
    }

    private interface ProblemSink {
        void add(Location where, String path, String message);
    }

    /** Reports both handlers' problems by line, the main handler's first on a line, as a sequential reading would. */
    private void merge(List<Located> mine, List<Located> theirs) {
        int i = 0;
        int k = 0;
        while (i < mine.size() || k < theirs.size()) {
            Located next = k == theirs.size() || i < mine.size() && mine.get(i).where().line() <= theirs.get(k).where().line()
                    ? mine.get(i++) : theirs.get(k++);
            rowProblem(next.where(), next.path(), next.message());
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The header's columns, and a pass over the rows with them. Each pass reads with its own
     * reader, so two may run at once.
     */
    private final class Columns {
        private final int fields;
        private final Map<String, Integer> index = new HashMap<>();
        // the columns the caller named, and where they are: a row's lookups compare the caller's
        // own String objects rather than hash them, several times a row
        private final String[] needed;
        private final int[] neededAt;
        private final String keyPath;

        Columns(List<String> header, List<String> columns, String keyPath) {
            this.keyPath = keyPath;
            this.fields = header.size();
            for (int i = 0; i < header.size(); i++) {
                index.put(header.get(i), i);
            }
            needed = columns.toArray(String[]::new);
            neededAt = new int[needed.length];
            for (int k = 0; k < needed.length; k++) {
                neededAt[k] = index.get(needed[k]);
            }
        }

        /**
         * Gives {@code handler} every row; {@code shapes}: whether to report rows of the wrong
         * width and CSV that cannot be read (one pass does).
         */
        void pass(CsvReader csv, RowHandler handler, ProblemSink sink, boolean shapes) {
            CsvRecord record = new CsvRecord();
            Row row = new Row() {
                public int line() {
                    return (int) record.line();
                }

                private int column(String column) {
                    for (int k = 0; k < needed.length; k++) {
                        if (needed[k] == column) {
                            return neededAt[k];
                        }
                    }
                    Integer i = index.get(column);
                    if (i == null) {
                        throw new IllegalArgumentException("no column " + column);
                    }
                    return i;
                }

                public String get(String column) {
                    return record.get(column(column));
                }

                public double number(String column) {
                    return finite(record, column(column));
                }

                public Span span(String column) {
                    return record.span(column(column));
                }

                public void problem(String rowKeyPath, String message) {
                    sink.add(new Location(label, line(), 0), rowKeyPath, message);
                }
            };
            while (true) {
                try {
                    if (!csv.next(record)) {
                        return;
                    }
                } catch (CsvException e) {
                    if (shapes) {
                        sink.add(new Location(label, (int) e.line(), 0), keyPath,
                                "cannot read the CSV from here on: " + e.getMessage());
                    }
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // a String cannot fail to be read
                }
                if (record.size() != fields) {
                    if (shapes) {
                        sink.add(new Location(label, row.line(), 0), keyPath,
                                "row has " + record.size() + (record.size() == 1 ? " field" : " fields") + "; the header has " + fields);
                    }
                    continue;
                }
                handler.row(row);
            }
        }
    }

    private static int lineBreaks(String text) {
        int count = 0;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            count++;
        }
        return count;
    }

    /** Rows with problems so far. */
    int rowProblems() {
        return rowProblems;
    }

    private void rowProblem(Location at, String keyPath, String message) {
        rowProblems++;
        if (rowProblems <= MAX_ROW_PROBLEMS) {
            problems.add(at, keyPath, message);
        }
    }

    /** Parses a finite number, or returns NaN: Double.parseDouble's syntax and result, spaces around it allowed. */
    static double parseNumber(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            double value = NumberInput.parseDouble(text, true);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Field {@code i} of {@code record} as {@link #parseNumber} reads it. */
    private static double finite(CsvRecord record, int i) {
        try {
            double value = record.number(i);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
