package org.capsim.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV input file with a header row, record by record with line numbers, turning
 * anything unreadable into located problems. At most {@link #MAX_ROW_PROBLEMS} row problems are
 * listed per file, then a count of the rest.
 */
final class CsvInput {

    static final int MAX_ROW_PROBLEMS = 20;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();

    /** One data row. */
    interface Row {
        /** 1-based line where the row starts. */
        int line();

        String get(String column);

        /** The column as a finite number, or NaN (as {@link CsvInput#parseNumber} of {@link #get}). */
        default double number(String column) {
            return parseNumber(get(column));
        }

        /**
         * The column's text, trimmed as {@link #get}, as a span of a larger String: for a reader
         * that keeps a million values, without a String of each.
         */
        default Span span(String column) {
            String value = get(column);
            return new Span(value, 0, value.length());
        }

        /** Records a problem with this row. */
        void problem(String keyPath, String message);
    }

    /** The characters {@code from} (inclusive) to {@code to} (exclusive) of {@code text}. */
    record Span(String text, int from, int to) {
        boolean isEmpty() {
            return from == to;
        }

        @Override
        public String toString() {
            return text.substring(from, to);
        }
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
        Optional<String> text = YamlFile.readText(path, label, what, problems);
        if (text.isEmpty()) {
            return false;
        }
        if (text.get().isBlank()) {
            problems.add(new Location(label, 0, 0), keyPath, "the " + what + " file is empty; it needs a header row");
            return false;
        }
        handler.expect(lineBreaks(text.get()) + 1);
        if (text.get().indexOf('"') < 0) {
            return readUnquoted(text.get(), keyPath, columns, what, handler);
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text.get()), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = columns.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                problems.add(new Location(label, 1, 0), keyPath, "the header has no column "
                        + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                        + "; its columns are: " + String.join(", ", header));
                return false;
            }
            Iterator<CSVRecord> records = parser.iterator();
            long lineBefore = parser.getCurrentLineNumber();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    rowProblem(new Location(label, (int) lineBefore + 1, 0), keyPath,
                            "cannot read the CSV from here on: " + rootMessage(e));
                    break;
                }
                int line = (int) lineBefore + 1;
                lineBefore = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    rowProblem(new Location(label, line, 0), keyPath,
                            "row has " + record.size() + " fields; the header has " + header.size());
                    continue;
                }
                handler.row(new Row() {
                    public int line() {
                        return line;
                    }

                    public String get(String column) {
                        return record.get(column);
                    }

                    public void problem(String rowKeyPath, String message) {
                        rowProblem(new Location(label, line, 0), rowKeyPath, message);
                    }
                });
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new Location(label, 1, 0), keyPath, "cannot read the " + what + " as CSV: " + rootMessage(e));
            return false;
        }
        if (rowProblems > MAX_ROW_PROBLEMS) {
            problems.add(new Location(label, 0, 0), keyPath,
                    "... and " + (rowProblems - MAX_ROW_PROBLEMS) + " more rows with problems");
        }
        return true;
    }

    /**
     * The common case, a file without a single quote character: no field can hold a comma or a
     * line break, so each line splits on commas directly (a million-row trace reads several times
     * faster than through the general parser). The header still goes through commons-csv, so its
     * rules (duplicate or missing names) are the same; rows give the same messages as the general
     * path, at their own line.
     */
    private boolean readUnquoted(String text, String keyPath, List<String> columns, String what, RowHandler handler) {
        int at = 0;
        int line = 0;
        List<String> header = null;
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        // the columns the caller named, and where they are: a row's lookups compare the caller's
        // own String objects, not hash them (four lookups a row were a tenth of reading a trace)
        String[] needed = columns.toArray(String[]::new);
        int[] neededAt = new int[needed.length];
        // a row's fields as offsets into the text: no String per line or per number field
        int[] starts = new int[0];
        int[] ends = new int[0];
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            int stop = end > at && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int from = at;
            at = end + 1;
            line++;
            if (stop == from) {
                continue; // an empty line, skipped as the general path does
            }
            if (header == null) {
                try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(from, stop)), FORMAT)) {
                    header = parser.getHeaderNames();
                } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                    problems.add(new Location(label, 1, 0), keyPath, "cannot read the " + what + " as CSV: " + rootMessage(e));
                    return false;
                }
                List<String> known = header;
                List<String> missing = columns.stream().filter(c -> !known.contains(c)).toList();
                if (!missing.isEmpty()) {
                    problems.add(new Location(label, line, 0), keyPath, "the header has no column "
                            + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                            + "; its columns are: " + String.join(", ", header));
                    return false;
                }
                for (int i = 0; i < header.size(); i++) {
                    index.put(header.get(i), i);
                }
                for (int k = 0; k < columns.size(); k++) {
                    neededAt[k] = index.get(columns.get(k));
                }
                starts = new int[header.size()];
                ends = new int[header.size()];
                continue;
            }
            int count = split(text, from, stop, starts, ends);
            if (count != header.size()) {
                rowProblem(new Location(label, line, 0), keyPath, "row has " + count + " fields; the header has "
                        + header.size());
                continue;
            }
            int rowLine = line;
            int[] s0 = starts;
            int[] e0 = ends;
            handler.row(new Row() {
                public int line() {
                    return rowLine;
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
                    int i = column(column);
                    return text.substring(s0[i], e0[i]).trim(); // trimmed, as the general path's ignore-surrounding-spaces
                }

                public Span span(String column) {
                    int i = column(column);
                    int from = s0[i];
                    int to = e0[i];
                    while (from < to && text.charAt(from) <= ' ') { // what String.trim() leaves out
                        from++;
                    }
                    while (to > from && text.charAt(to - 1) <= ' ') {
                        to--;
                    }
                    return new Span(text, from, to);
                }

                public double number(String column) {
                    int i = column(column);
                    double plain = PlainDecimal.parse(text, s0[i], e0[i]);
                    return Double.isNaN(plain) ? parseNumber(get(column)) : plain;
                }

                public void problem(String rowKeyPath, String message) {
                    rowProblem(new Location(label, rowLine, 0), rowKeyPath, message);
                }
            });
        }
        if (header == null) {
            problems.add(new Location(label, 0, 0), keyPath, "the " + what + " file is empty; it needs a header row");
            return false;
        }
        if (rowProblems > MAX_ROW_PROBLEMS) {
            problems.add(new Location(label, 0, 0), keyPath,
                    "... and " + (rowProblems - MAX_ROW_PROBLEMS) + " more rows with problems");
        }
        return true;
    }

    /**
     * Splits {@code text} from {@code from} to {@code to} on commas into field offsets; returns
     * how many fields the line has, even past the arrays.
     */
    private static int split(String text, int from, int to, int[] starts, int[] ends) {
        int count = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == ',') {
                if (count < starts.length) {
                    starts[count] = start;
                    ends[count] = i;
                }
                count++;
                start = i + 1;
            }
        }
        return count;
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // commons-csv speaks of tokens; planners see quotes
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted field is never closed (a \" without its closing \")";
        }
        if (message.contains("invalid char between encapsulated token and delimiter")) {
            return "text after a closing quote before the next comma";
        }
        if (message.contains("duplicate name")) {
            return "the header names a column twice: " + message.replaceAll(".*duplicate name: ", "");
        }
        return message;
    }

    /** Parses a finite number, or returns NaN. */
    static double parseNumber(String text) {
        if (text == null) {
            return Double.NaN;
        }
        double fast = PlainDecimal.parse(text, 0, text.length());
        if (!Double.isNaN(fast)) {
            return fast;
        }
        if (text.isBlank()) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
