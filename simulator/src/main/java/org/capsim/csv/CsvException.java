package org.capsim.csv;

import java.io.IOException;

/** The CSV cannot be read from a line on (a quote never closed, text after a closing quote, a bad header). */
public final class CsvException extends IOException {

    private final long line;

    CsvException(long line, String message) {
        super(message);
        this.line = line;
    }

    /** 1-based line where the unreadable record starts. */
    public long line() {
        return line;
    }
}
