package org.capsim.report.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.capsim.report.ReportFormatException;
import org.capsim.scenario.PlainDecimal;

/**
 * Reads one of capsim's own CSV files row by row, checking its header starts with the columns
 * the reader uses, and turning a bad field into a message with the file, line and column.
 *
 * <p>capsim quotes a field only when it must (a comma, quote or line break in a name), so most
 * lines have no quote: those are split on commas directly, which reads a million-row jobs.csv
 * several times faster than a general parser. A line with a quote (joined with the next lines
 * while a quoted field is open) goes through commons-csv, so quoting is never hand-parsed.
 */
final class CsvRows {

    /** Receives each data row. */
    interface Row {
        void accept(Fields fields) throws ReportFormatException;
    }

    /** One row's fields; reused from row to row (copy what must outlive the call). */
    static final class Fields {
        private String line = "";
        private int[] starts = new int[32];
        private int[] ends = new int[32];
        private String[] quoted;
        private int size;
        private long number;

        int size() {
            return size;
        }

        /** The row's line number in the file (the first line, for a field spanning lines). */
        long line() {
            return number;
        }

        String get(int i) {
            return quoted != null ? quoted[i] : line.substring(starts[i], ends[i]);
        }

        /** Field {@code i} as a number without making a String when it is a plain decimal; NaN when it is not one. */
        double plainNumber(int i) {
            return quoted != null ? PlainDecimal.parse(quoted[i], 0, quoted[i].length())
                    : PlainDecimal.parse(line, starts[i], ends[i]);
        }

        boolean isEmpty(int i) {
            return quoted != null ? quoted[i].isEmpty() : starts[i] == ends[i];
        }

        void split(String text, long lineNumber) {
            line = text;
            quoted = null;
            number = lineNumber;
            size = 0;
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ',') {
                    if (size == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, size * 2);
                        ends = java.util.Arrays.copyOf(ends, size * 2);
                    }
                    starts[size] = start;
                    ends[size++] = i;
                    start = i + 1;
                }
            }
        }

        void set(CSVRecord record, long lineNumber) {
            quoted = record.values();
            size = quoted.length;
            number = lineNumber;
        }
    }

    private final Path file;

    CsvRows(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Reads every row; {@code columns} are the header's first columns, as capsim writes them. */
    void read(List<String> columns, Row row) throws IOException, ReportFormatException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Fields fields = new Fields();
            long lineNumber = 0;
            boolean header = true;
            String line;
            while ((line = reader.readLine()) != null) {
                long first = ++lineNumber;
                if (line.indexOf('"') < 0) {
                    fields.split(line, first);
                } else {
                    StringBuilder record = new StringBuilder(line);
                    while (quotes(record) % 2 != 0) { // a quoted field goes on to the next line
                        String next = reader.readLine();
                        if (next == null) {
                            throw new ReportFormatException(file + ": line " + first + ": a quoted field is never closed");
                        }
                        lineNumber++;
                        record.append('\n').append(next);
                    }
                    fields.set(parse(record.toString(), first), first);
                }
                if (header) {
                    checkHeader(fields, columns);
                    header = false;
                } else if (fields.size() == 1 && fields.isEmpty(0)) {
                    continue; // a blank line, e.g. at the end
                } else if (fields.size() < columns.size()) {
                    throw new ReportFormatException(file + ": line " + first + ": " + fields.size() + " fields, expected at least "
                            + columns.size());
                } else {
                    row.accept(fields);
                }
            }
            if (header) {
                throw new ReportFormatException(file + ": empty (expected a header row)");
            }
        } catch (NoSuchFileException e) {
            throw new ReportFormatException(file + ": missing");
        }
    }

    private void checkHeader(Fields header, List<String> columns) throws ReportFormatException {
        for (int i = 0; i < columns.size(); i++) {
            if (i >= header.size() || !header.get(i).equals(columns.get(i))) {
                throw new ReportFormatException(file + ": line 1: column " + (i + 1) + " should be '" + columns.get(i) + "'"
                        + (i < header.size() ? ", found '" + header.get(i) + "'" : "") + " (not a capsim report file?)");
            }
        }
    }

    private static int quotes(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private CSVRecord parse(String record, long line) throws ReportFormatException, IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(record))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new ReportFormatException(file + ": line " + line + ": not one CSV record");
            }
            return records.get(0);
        } catch (UncheckedIOException e) {
            throw new ReportFormatException(file + ": line " + line + ": " + e.getCause().getMessage());
        }
    }

    /** A number field; empty is NaN (how capsim writes "not reached"). */
    double number(Fields fields, int column, String name) throws ReportFormatException {
        if (fields.isEmpty(column)) {
            return Double.NaN;
        }
        double plain = fields.plainNumber(column);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        String text = fields.get(column);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ReportFormatException(file + ": line " + fields.line() + ": " + name + ": not a number: '" + text + "'");
        }
    }

    /** A whole number field that must be present. */
    int integer(Fields fields, int column, String name) throws ReportFormatException {
        String text = fields.get(column);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ReportFormatException(file + ": line " + fields.line() + ": " + name + ": not a whole number: '" + text
                    + "'");
        }
    }
}
