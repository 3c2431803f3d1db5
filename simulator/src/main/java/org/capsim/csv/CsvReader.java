package org.capsim.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file record by record, each with the line where it starts: a planner's input
 * (spaces around a field dropped, empty lines skipped, a header row read by commons-csv's rules)
 * or a file as capsim writes it (every line a record, fields as written).
 *
 * <p>Lines are split on commas here until the first line holding a quote; from that line on,
 * commons-csv parses the rest, so quoting is never hand-parsed. Before a quote no field can hold
 * a comma or a line break, and splitting is the faster way through a million-row trace: the
 * files capsim reads nearly never quote.
 */
public final class CsvReader implements AutoCloseable {

    private static final CSVFormat LENIENT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).build();
    private static final CSVFormat LENIENT_HEADER = LENIENT.builder().setHeader().setSkipHeaderRecord(true).build();
    private static final CSVFormat EXACT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).build();

    /** The whole text of a planner's file, or null for a stream. */
    private final String text;
    private final BufferedReader stream;
    /** Where the first quote of {@link #text} is, or -1. */
    private final int firstQuote;
    /** Where the next line of {@link #text} starts. */
    private int at;
    /** The number of the line last read. */
    private long line;
    // once a quote is seen: commons-csv on the rest, from line linesBefore + 1
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private long linesBefore;
    private long parserLineBefore;
    private LineNumbers numbers;
    private long headerLine;

    private CsvReader(String text, BufferedReader stream) {
        this.text = text;
        this.stream = stream;
        this.firstQuote = text == null ? -1 : text.indexOf('"');
    }

    /** A planner's file, read whole: spaces around fields are dropped and empty lines skipped. */
    public static CsvReader lenient(String text) {
        return new CsvReader(text, null);
    }

    /** A file as capsim writes it: every line a record (an empty line, one empty field), fields as written. */
    public static CsvReader exact(BufferedReader stream) {
        return new CsvReader(null, stream);
    }

    /**
     * The header row of a {@link #lenient} text: its column names by commons-csv's rules (a
     * name missing or given twice is an error), or null when the text has no line.
     */
    public List<String> header() throws CsvException {
        while (at < text.length()) {
            int end = lineEnd(at);
            int stop = stop(at, end);
            int from = at;
            at = end + 1;
            line++;
            if (stop == from) {
                continue;
            }
            headerLine = line;
            try {
                if (firstQuote >= 0 && firstQuote < end) {
                    parser = CSVParser.parse(new StringReader(text.substring(from)), LENIENT_HEADER);
                    startParsed(from, line - 1);
                    return parser.getHeaderNames();
                }
                try (CSVParser alone = CSVParser.parse(new StringReader(text.substring(from, stop)), LENIENT_HEADER)) {
                    return alone.getHeaderNames();
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                throw new CsvException(1, friendly(e));
            }
        }
        return null;
    }

    /** The line of the header {@link #header} read. */
    public long headerLine() {
        return headerLine;
    }

    /**
     * Reads the next record into {@code record}; false at the end.
     *
     * @throws CsvException when the rest of the file cannot be read as CSV
     * @throws IOException  when the stream cannot be read
     */
    public boolean next(CsvRecord record) throws IOException {
        if (parser != null) {
            return nextParsed(record);
        }
        if (text != null) {
            while (at < text.length()) {
                int end = lineEnd(at);
                int from = at;
                if (firstQuote >= 0 && firstQuote < end) {
                    parser = CSVParser.parse(new StringReader(text.substring(from)), LENIENT);
                    startParsed(from, line);
                    return nextParsed(record);
                }
                int stop = stop(at, end);
                at = end + 1;
                line++;
                if (stop != from) {
                    record.split(text, from, stop, line, true);
                    return true;
                }
            }
            return false;
        }
        String next = stream.readLine();
        if (next == null) {
            return false;
        }
        line++;
        if (next.indexOf('"') < 0) {
            record.split(next, 0, next.length(), line, false);
            return true;
        }
        parser = CSVParser.parse(new Rest(next + '\n', stream), EXACT);
        startParsed(-1, line - 1);
        return nextParsed(record);
    }

    /**
     * Starts commons-csv on the line after line {@code before}, which starts at {@code from} in the
     * text (-1 for a stream).
     */
    private void startParsed(int from, long before) {
        records = parser.iterator();
        parserLineBefore = parser.getCurrentLineNumber();
        linesBefore = before;
        if (from >= 0) {
            numbers = new LineNumbers(text, from, before);
        }
    }

    private boolean nextParsed(CsvRecord record) throws IOException {
        CSVRecord parsed;
        try {
            if (!records.hasNext()) {
                return false;
            }
            parsed = records.next();
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof CSVException)) {
                throw e.getCause();
            }
            throw new CsvException(lineStart(parserLineBefore), friendly(e));
        } catch (IllegalStateException e) {
            throw new CsvException(lineStart(parserLineBefore), friendly(e));
        }
        // a planner's file: where the record's text starts, past the empty lines the parser skipped
        long start = numbers != null ? numbers.firstFilledAt(parsed.getCharacterPosition()) : lineStart(parserLineBefore);
        parserLineBefore = parser.getCurrentLineNumber();
        record.set(parsed.values(), start);
        return true;
    }

    /** The line after the parser's line {@code parserLine}. */
    private long lineStart(long parserLine) {
        return linesBefore + parserLine + 1;
    }

    private int lineEnd(int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    /** Where the line from {@code from} to {@code end} (its LF) stops: before a CR LF. */
    private int stop(int from, int end) {
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        if (stream != null) {
            stream.close();
        }
    }

    /** commons-csv's message, in the words of a file's author. */
    private static String friendly(Throwable e) {
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

    /**
     * Line numbers of positions in the text from where commons-csv took over, read forward
     * (commons-csv's line breaks: LF, CR LF, CR).
     */
    private static final class LineNumbers {
        private final String text;
        private final int offset;
        private int at;
        private long line;

        LineNumbers(String text, int offset, long before) {
            this.text = text;
            this.offset = offset;
            this.at = offset;
            this.line = before + 1;
        }

        /** The line of the first character at or after the parser's {@code position} that is not a line break. */
        long firstFilledAt(long position) {
            int target = (int) Math.min(offset + position, text.length());
            while (at < text.length() && (at < target || text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                char c = text.charAt(at++);
                if (c == '\n' || c == '\r' && (at == text.length() || text.charAt(at) != '\n')) {
                    line++;
                }
            }
            return line;
        }
    }

    /** The line already read, then the rest of the stream: what commons-csv parses once a quote is seen. */
    private static final class Rest extends Reader {
        private final String head;
        private final Reader tail;
        private int at;

        Rest(String head, Reader tail) {
            this.head = head;
            this.tail = tail;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (at == head.length()) {
                return tail.read(buffer, offset, length);
            }
            int n = Math.min(length, head.length() - at);
            head.getChars(at, at + n, buffer, offset);
            at += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            tail.close();
        }
    }
}
