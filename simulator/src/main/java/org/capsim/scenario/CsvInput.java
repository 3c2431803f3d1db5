package org.capsim.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return read(keyPath, columns, what, handler, null);
    }

    /**
     * As {@link #read(String, List, String, RowHandler)}, with a second handler given every row as
     * well, on a thread of its own where the file allows (a large trace: its job ids are checked
     * for duplicates while the main handler reads the numbers). The problems of both are
     * reported as if the two were called in turn for each row, {@code handler} first: by line,
     * with the same limit on how many are listed.
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
        if (text.get().indexOf('"') < 0) {
            return readUnquoted(text.get(), keyPath, columns, what, handler, alongside);
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text.get()), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (!hasColumns(header, columns, 1, keyPath)) {
                return false;
            }
            Iterator<CSVRecord> records = parser.iterator();
            long lineBefore = parser.getCurrentLineNumber();
            LineNumbers lines = new LineNumbers(text.get());
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
                // where the record's text starts: the parser's position is before the empty lines it skipped
                int line = lines.firstFilledAt(record.getCharacterPosition());
                lineBefore = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    rowProblem(new Location(label, line, 0), keyPath,
                            "row has " + record.size() + " fields; the header has " + header.size());
                    continue;
                }
                Row row = new Row() {
                    public int line() {
                        return line;
                    }

                    public String get(String column) {
                        return record.get(column);
                    }

                    public void problem(String rowKeyPath, String message) {
                        rowProblem(new Location(label, line, 0), rowKeyPath, message);
                    }
                };
                handler.row(row);
                if (alongside != null) {
                    alongside.row(row);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new Location(label, 1, 0), keyPath, "cannot read the " + what + " as CSV: " + rootMessage(e));
            return false;
        }
        noteUnlistedRows(keyPath);
        return true;
    }

    /**
     * The common case, a file without a single quote character: no field can hold a comma or a
     * line break, so each line splits on commas directly (a million-row trace reads several times
     * faster than through the general parser). The header still goes through commons-csv, so its
     * rules (duplicate or missing names) are the same; rows give the same messages as the general
     * path, at their own line.
     */
    private boolean readUnquoted(String text, String keyPath, List<String> columns, String what, RowHandler handler,
            RowHandler alongside) {
        Lines lines = new Lines(text, 0, 0);
        if (!lines.next()) {
            problems.add(new Location(label, 0, 0), keyPath, "the " + what + " file is empty; it needs a header row");
            return false;
        }
        List<String> header;
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(lines.from, lines.stop)), FORMAT)) {
            header = parser.getHeaderNames();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new Location(label, 1, 0), keyPath, "cannot read the " + what + " as CSV: " + rootMessage(e));
            return false;
        }
        if (!hasColumns(header, columns, lines.line, keyPath)) {
            return false;
        }
        Body body = new Body(text, lines.position(), lines.line, header, columns, keyPath);
        if (alongside == null) {
            body.pass(handler, this::rowProblem, true);
        } else {
            List<Located> mine = new ArrayList<>();
            List<Located> theirs = new ArrayList<>();
            Thread other = new Thread(() -> body.pass(alongside, (where, path, message) ->
                    theirs.add(new Located(where, path, message)), false), "capsim-csv " + label);
            other.setDaemon(true);
            Throwable[] failed = {null};
            other.setUncaughtExceptionHandler((thread, e) -> failed[0] = e);
            other.start();
            try {
                body.pass(handler, (where, path, message) -> mine.add(new Located(where, path, message)), true);
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

    /** Line numbers of positions in a text, read forward (commons-csv's line breaks: LF, CRLF, CR). */
    private static final class LineNumbers {
        private final String text;
        private int at;
        private int line = 1;

        LineNumbers(String text) {
            this.text = text;
        }

        /** The line of the first character at or after {@code position} that is not a line break. */
        int firstFilledAt(long position) {
            int target = (int) Math.min(position, text.length());
            while (at < text.length() && (at < target || text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                char c = text.charAt(at++);
                if (c == '\n' || c == '\r' && (at == text.length() || text.charAt(at) != '\n')) {
                    line++;
                }
            }
            return line;
        }
    }

    /**
     * The lines of a text without quotes, in order, with their numbers: LF or CRLF ends a line,
     * and empty lines are passed over, as the general path passes them.
     */
    private static final class Lines {
        private final String text;
        private int at;
        /** The current line: its number and where it starts and stops (before CR LF or LF). */
        int line;
        int from;
        int stop;

        /** Lines from {@code at}, numbered after {@code line}. */
        Lines(String text, int at, int line) {
            this.text = text;
            this.at = at;
            this.line = line;
        }

        /** Moves to the next line that is not empty; false at the end of the text. */
        boolean next() {
            while (at < text.length()) {
                int end = text.indexOf('\n', at);
                if (end < 0) {
                    end = text.length();
                }
                stop = end > at && text.charAt(end - 1) == '\r' ? end - 1 : end;
                from = at;
                at = end + 1;
                line++;
                if (stop != from) {
                    return true;
                }
            }
            return false;
        }

        /** Where the next line starts. */
        int position() {
            return Math.min(at, text.length());
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
     * The rows of a file without a single quote character: no field can hold a comma or a line
     * break, so each line splits on commas directly (a million-row trace reads several times
     * faster than through the general parser). The header went through commons-csv, so its rules
     * (duplicate or missing names) are the same; rows give the same messages as the general path,
     * at their own line. Each pass has its own offsets, so two may run at once.
     */
    private final class Body {
        private final String text;
        private final int start;
        private final int headerLine;
        private final int fields;
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
        // the columns the caller named, and where they are: a row's lookups compare the caller's
        // own String objects, not hash them (four lookups a row were a tenth of reading a trace)
        private final String[] needed;
        private final int[] neededAt;
        private final String keyPath;

        Body(String text, int start, int headerLine, List<String> header, List<String> columns, String keyPath) {
            this.keyPath = keyPath;
            this.text = text;
            this.start = start;
            this.headerLine = headerLine;
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

        /** Gives {@code handler} every row; {@code shapes}: whether to report rows of the wrong width (one pass does). */
        void pass(RowHandler handler, ProblemSink sink, boolean shapes) {
            // a row's fields as offsets into the text: no String per line or per number field
            int[] starts = new int[fields];
            int[] ends = new int[fields];
            Lines lines = new Lines(text, start, headerLine);
            while (lines.next()) {
                int count = split(text, lines.from, lines.stop, starts, ends);
                if (count != fields) {
                    if (shapes) {
                        sink.add(new Location(label, lines.line, 0), keyPath,
                                "row has " + count + " fields; the header has " + fields);
                    }
                    continue;
                }
                int rowLine = lines.line;
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
                        return span(column).toString();
                    }

                    public double number(String column) {
                        int i = column(column);
                        double plain = PlainDecimal.parse(text, starts[i], ends[i]);
                        return Double.isNaN(plain) ? parseNumber(get(column)) : plain;
                    }

                    public Span span(String column) {
                        int i = column(column);
                        int from = starts[i];
                        int to = ends[i];
                        // trimmed, as the general path's ignore-surrounding-spaces: what String.trim() leaves out
                        while (from < to && text.charAt(from) <= ' ') {
                            from++;
                        }
                        while (to > from && text.charAt(to - 1) <= ' ') {
                            to--;
                        }
                        return new Span(text, from, to);
                    }

                    public void problem(String rowKeyPath, String message) {
                        sink.add(new Location(label, rowLine, 0), rowKeyPath, message);
                    }
                });
            }
        }
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
