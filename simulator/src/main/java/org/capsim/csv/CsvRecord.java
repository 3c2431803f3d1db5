package org.capsim.csv;

import java.util.Arrays;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * One record of a CSV file, filled by {@link CsvReader#next} and reused from record to record
 * (copy what must outlive the next call). A line without quotes keeps its fields as offsets into
 * the line's text, so a million-row file makes no String per field; a record with quotes holds
 * the values commons-csv parsed.
 */
public final class CsvRecord {

    private String text = "";
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** The values commons-csv parsed, or null for a record split here. */
    private String[] values;
    private int size;
    private long line;
    /** A number field's characters, for the parser, without a String per field. */
    private char[] digits = new char[32];

    /** 1-based line where the record starts. */
    public long line() {
        return line;
    }

    public int size() {
        return size;
    }

    public String get(int i) {
        return values != null ? values[i] : text.substring(starts[i], ends[i]);
    }

    public boolean isEmpty(int i) {
        return values != null ? values[i].isEmpty() : starts[i] == ends[i];
    }

    /** Field {@code i} as a span of a larger text. */
    public Span span(int i) {
        return values != null ? new Span(values[i], 0, values[i].length()) : new Span(text, starts[i], ends[i]);
    }

    /**
     * Field {@code i} read as Double.parseDouble reads it (the same syntax, spaces around it
     * allowed, NaN and Infinity included, and the same double), through jackson-core's
     * FastDoubleParser.
     *
     * @throws NumberFormatException when the field is not such a number
     */
    public double number(int i) {
        if (values != null) {
            return NumberInput.parseDouble(values[i], true);
        }
        int length = ends[i] - starts[i];
        if (length > digits.length) {
            digits = new char[Math.max(length, digits.length * 2)];
        }
        text.getChars(starts[i], ends[i], digits, 0);
        return NumberInput.parseDouble(digits, 0, length, true);
    }

    /**
     * Splits {@code text} from {@code from} to {@code to}, a line without quotes, on commas.
     *
     * @param trim whether to drop what String.trim() drops around each field
     */
    void split(String text, int from, int to, long line, boolean trim) {
        this.text = text;
        this.line = line;
        values = null;
        size = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == ',') {
                if (size == starts.length) {
                    starts = Arrays.copyOf(starts, size * 2);
                    ends = Arrays.copyOf(ends, size * 2);
                }
                int first = start;
                int end = i;
                while (trim && first < end && text.charAt(first) <= ' ') {
                    first++;
                }
                while (trim && end > first && text.charAt(end - 1) <= ' ') {
                    end--;
                }
                starts[size] = first;
                ends[size++] = end;
                start = i + 1;
            }
        }
    }

    void set(String[] parsed, long line) {
        values = parsed;
        size = parsed.length;
        this.line = line;
    }
}
