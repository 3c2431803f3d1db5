package org.capsim.report.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.csv.CsvException;
import org.capsim.csv.CsvReader;
import org.capsim.csv.CsvRecord;
import org.capsim.report.ReportFormatException;

/**
 * Reads one of capsim's own CSV files row by row, checking its header starts with the columns
 * the reader uses, and turning a bad field into a message with the file, line and column.
 */
final class CsvRows {

    /** Receives each data row. */
    interface Row {
        void accept(CsvRecord fields) throws ReportFormatException;
    }

    private final Path file;
    /** The header's column names, once read. */
    private final List<String> header = new ArrayList<>();

    CsvRows(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Reads every row; {@code columns} are the header's first columns, as capsim writes them. */
    void read(List<String> columns, Row row) throws IOException, ReportFormatException {
        try (CsvReader csv = CsvReader.exact(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            CsvRecord fields = new CsvRecord();
            if (!csv.next(fields)) {
                throw new ReportFormatException(file + ": empty (expected a header row)");
            }
            checkHeader(fields, columns);
            for (int i = 0; i < fields.size(); i++) {
                header.add(fields.get(i));
            }
            while (csv.next(fields)) {
                if (fields.size() == 1 && fields.isEmpty(0)) {
                    continue; // a blank line, e.g. at the end
                }
                if (fields.size() < columns.size()) {
                    throw new ReportFormatException(file + ": line " + fields.line() + ": " + fields.size()
                            + " fields, expected at least " + columns.size());
                }
                row.accept(fields);
            }
        } catch (NoSuchFileException e) {
            throw new ReportFormatException(file + ": missing");
        } catch (CsvException e) {
            throw new ReportFormatException(file + ": line " + e.line() + ": " + e.getMessage());
        }
    }

    private void checkHeader(CsvRecord header, List<String> columns) throws ReportFormatException {
        for (int i = 0; i < columns.size(); i++) {
            if (i >= header.size() || !header.get(i).equals(columns.get(i))) {
                throw new ReportFormatException(file + ": line 1: column " + (i + 1) + " should be '" + columns.get(i) + "'"
                        + (i < header.size() ? ", found '" + header.get(i) + "'" : "") + " (not a capsim report file?)");
            }
        }
    }

    /** The column named {@code name} in the header, or -1 where the file has none (an older capsim's). */
    int column(String name) {
        return header.indexOf(name);
    }

    /** A field that may be missing: the column's text, or "" where the file has no such column or the row ends early. */
    String optional(CsvRecord fields, int column) {
        return column >= 0 && column < fields.size() ? fields.get(column) : "";
    }

    /** A number field; empty is NaN (how capsim writes "not reached"). */
    double number(CsvRecord fields, int column, String name) throws ReportFormatException {
        if (fields.isEmpty(column)) {
            return Double.NaN;
        }
        try {
            return fields.number(column);
        } catch (NumberFormatException e) {
            throw new ReportFormatException(file + ": line " + fields.line() + ": " + name + ": not a number: '"
                    + fields.get(column) + "'");
        }
    }

    /** A whole number field that must be present. */
    int integer(CsvRecord fields, int column, String name) throws ReportFormatException {
        String text = fields.get(column);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ReportFormatException(file + ": line " + fields.line() + ": " + name + ": not a whole number: '" + text
                    + "'");
        }
    }
}
