package org.capsim.report.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.capsim.report.ReportFormatException;

/**
 * Reads one of capsim's own CSV files row by row, checking its header starts with the columns
 * the reader uses, and turning a bad field into a message with the file, line and column.
 */
final class CsvRows {

    /** Receives each data row. */
    interface Row {
        void accept(CSVRecord record) throws ReportFormatException;
    }

    private final Path file;

    Path file() {
        return file;
    }

    CsvRows(Path file) {
        this.file = file;
    }

    /** Reads every row; {@code columns} are the header's first columns, as capsim writes them. */
    void read(List<String> columns, Row row) throws IOException, ReportFormatException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new ReportFormatException(file + ": empty (expected a header row)");
            }
            CSVRecord header = records.next();
            for (int i = 0; i < columns.size(); i++) {
                if (i >= header.size() || !header.get(i).equals(columns.get(i))) {
                    throw new ReportFormatException(file + ": line 1: column " + (i + 1) + " should be '" + columns.get(i)
                            + "'" + (i < header.size() ? ", found '" + header.get(i) + "'" : "") + " (not a capsim report file?)");
                }
            }
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (record.size() < columns.size()) {
                    throw new ReportFormatException(file + ": line " + parser.getCurrentLineNumber() + ": " + record.size()
                            + " fields, expected at least " + columns.size());
                }
                row.accept(record);
            }
        } catch (NoSuchFileException e) {
            throw new ReportFormatException(file + ": missing");
        } catch (UncheckedIOException e) {
            // commons-csv reports a malformed quote this way
            throw new ReportFormatException(file + ": " + e.getCause().getMessage());
        }
    }

    /** A number field; empty is NaN (how capsim writes "not reached"). */
    double number(CSVRecord record, int column, String name) throws ReportFormatException {
        String text = record.get(column);
        if (text.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ReportFormatException(file + ": line " + record.getRecordNumber() + ": " + name + ": not a number: '"
                    + text + "'");
        }
    }

    /** A whole number field that must be present. */
    int integer(CSVRecord record, int column, String name) throws ReportFormatException {
        String text = record.get(column);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ReportFormatException(file + ": line " + record.getRecordNumber() + ": " + name
                    + ": not a whole number: '" + text + "'");
        }
    }
}
