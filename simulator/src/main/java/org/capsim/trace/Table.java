package org.capsim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.capsim.csv.CsvException;
import org.capsim.csv.CsvReader;
import org.capsim.csv.CsvRecord;

/**
 * A text table with a header row, read row by row from a UTF-8 stream: comma-separated through
 * capsim's CSV reader (quotes allowed), or split on {@code |} (sacct never quotes). Blank lines are
 * skipped; fields are trimmed. Problems of the file itself (not UTF-8, no header, a quote never
 * closed) go to the sink, and reading stops.
 */
final class Table {

    private final BufferedReader text;
    private final char delimiter;
    private final JobSink sink;
    private final CsvReader csv;
    private final CsvRecord record = new CsvRecord();
    private final Map<String, Integer> columns = new HashMap<>();
    private List<String> header;
    private String[] fields = new String[0];
    private int size;
    private long line;
    private long pipeLine;

    Table(InputStream in, char delimiter, JobSink sink) {
        this.text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        this.delimiter = delimiter;
        this.sink = sink;
        this.csv = delimiter == ',' ? CsvReader.exact(text) : null;
    }

    /** Reads the header row; null (and a problem) when the file has none or cannot be read. */
    List<String> header() throws IOException {
        if (!advance()) {
            if (line >= 0) {
                sink.problem(0, "", "the file is empty; it needs a header row");
            }
            return null;
        }
        header = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = i == 0 && fields[0].startsWith("\uFEFF") ? fields[0].substring(1).trim() : fields[i];
            header.add(name);
            columns.putIfAbsent(name, i);
        }
        return header;
    }

    /**
     * Reads the header and checks it names every one of {@code required}, and the run time as the
     * column {@code runTime} or else every one of {@code span} (its start and end); false (and a
     * problem naming what is missing, then {@code hint}) otherwise.
     *
     * @param runTime the run time's column, or null when {@code required} names it
     */
    boolean header(List<String> required, String runTime, List<String> span, String hint) throws IOException {
        List<String> names = header();
        if (names == null) {
            return false;
        }
        List<String> missing = new ArrayList<>(required.stream().filter(name -> column(name) < 0).toList());
        if (runTime != null && column(runTime) < 0 && span.stream().anyMatch(name -> column(name) < 0)) {
            missing.add(runTime + " (or " + String.join(" and ", span) + ")");
        }
        if (missing.isEmpty()) {
            return true;
        }
        sink.problem(headerLine(), "", "the header has no column " + String.join(", ", missing) + "; its columns are: "
                + String.join(", ", names) + hint);
        return false;
    }

    /** The line of the header, once read. */
    long headerLine() {
        return line;
    }

    /** The index of the header's column {@code name}, or -1. */
    int column(String name) {
        return columns.getOrDefault(name, -1);
    }

    /** Moves to the next row with the header's width; a row of another width is a problem, skipped. */
    boolean next() throws IOException {
        while (advance()) {
            if (size == header.size()) {
                return true;
            }
            sink.problem(line, "", "row has " + size + (size == 1 ? " field" : " fields") + "; the header has " + header.size());
        }
        return false;
    }

    /** 1-based line of the current row. */
    long line() {
        return line;
    }

    /** Field {@code i} of the current row, trimmed. */
    String get(int i) {
        return fields[i];
    }

    /** The next non-blank row into {@link #fields}; false at the end or when the file cannot be read. */
    private boolean advance() throws IOException {
        if (line < 0) {
            return false;
        }
        try {
            return csv != null ? nextCsv() : nextSplit();
        } catch (CsvException e) {
            sink.problem(e.line(), "", "cannot read the CSV from here on: " + e.getMessage());
        } catch (CharacterCodingException e) {
            sink.problem(line + 1, "", "the file is not UTF-8 text; save it as UTF-8");
        }
        line = -1;
        return false;
    }

    private boolean nextCsv() throws IOException {
        while (csv.next(record)) {
            line = record.line();
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            size = record.size();
            if (fields.length < size) {
                fields = new String[size];
            }
            for (int i = 0; i < size; i++) {
                fields[i] = record.get(i).trim();
            }
            return true;
        }
        return false;
    }

    private boolean nextSplit() throws IOException {
        for (String next = text.readLine(); next != null; next = text.readLine()) {
            line = ++pipeLine;
            if (next.isBlank()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int at = next.indexOf(delimiter); at >= 0; at = next.indexOf(delimiter, start)) {
                parts.add(next.substring(start, at).trim());
                start = at + 1;
            }
            parts.add(next.substring(start).trim());
            fields = parts.toArray(fields);
            size = parts.size();
            return true;
        }
        return false;
    }
}
