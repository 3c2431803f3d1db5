package org.capsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.commons.csv.CSVFormat;

/**
 * CSV text built as UTF-8 bytes in a reused buffer: fields that repeat (a pool's names, a row's
 * "policy,replication," prefix), built once with the chained methods, and the rows of a file,
 * written through {@link #reserve} and gathered until {@link #endRow} writes many at once. The
 * report writes a row per job and per pool change (millions in a large run): building bytes
 * directly skips the StringBuilder, the char buffer and the charset encoder a Writer would need
 * per row.
 */
final class CsvLine {

    private static final CSVFormat CSV = CSVFormat.DEFAULT;

    private byte[] buf = new byte[256];
    private int pos;

    void clear() {
        pos = 0;
    }

    CsvLine comma() {
        return ascii(',');
    }

    CsvLine ascii(char c) {
        room(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** Bytes from {@link #encode} (or any UTF-8 bytes). */
    CsvLine bytes(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** A text field, quoted only where CSV needs it. */
    CsvLine text(String value) {
        if (!plain(value)) {
            return bytes(encode(value));
        }
        int n = value.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) value.charAt(i); // plain is ASCII
        }
        return this;
    }

    CsvLine integer(long value) {
        room(20);
        pos = Num.writeLong(buf, pos, value);
        return this;
    }

    /** The row so far, as a copy (for fields encoded once and reused with {@link #bytes}). */
    byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }

    void writeTo(OutputStream out) {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }

    /**
     * Room for {@code n} more bytes; returns the buffer, to be written from {@link #pos()} on by
     * a caller that then sets {@link #pos(int)}. For rows with many fields: one bounds check per
     * row, and the position in a local variable, instead of a check and a field update per byte.
     */
    byte[] reserve(int n) {
        room(n);
        return buf;
    }

    int pos() {
        return pos;
    }

    void pos(int end) {
        pos = end;
    }

    /** Copies {@code bytes} into {@code buf} at {@code pos}; returns the end. */
    static int put(byte[] buf, int pos, byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        return pos + bytes.length;
    }

    /** Bytes a line gathers before {@link #endRow} writes them out. */
    static final int FLUSH_AT = 1 << 16;

    /**
     * Ends a row of a line that gathers many: once it holds {@link #FLUSH_AT} bytes they go to
     * {@code out} in one write, not one write (and one copy) per row.
     */
    void endRow(OutputStream out) {
        if (pos >= FLUSH_AT) {
            writeTo(out);
            pos = 0;
        }
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(pos + n, buf.length * 2));
        }
    }

    /** A text field as UTF-8 bytes, quoted where CSV needs it. */
    static byte[] encode(String value) {
        if (plain(value)) {
            return value.getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2);
        try {
            CSV.print(value, quoted, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a StringBuilder
        }
        return quoted.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Characters a plain text may hold, by code: letters, digits and {@code -_.:/+@}. */
    private static final boolean[] PLAIN = new boolean[128];
    /** Characters a plain text may start with: letters and digits. */
    private static final boolean[] PLAIN_FIRST = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            PLAIN_FIRST[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            PLAIN[c] = PLAIN_FIRST[c] || "-_.:/+@".indexOf(c) >= 0;
        }
    }

    /**
     * Whether a text needs neither quotes nor encoding: letters, digits and {@code -_.:/+@}, not
     * starting with a character commons-csv may quote (space, #, quote, -...). The common case (a
     * job id per row), and several times faster than the general printer. ASCII tables, not
     * Character.isLetterOrDigit or a chain of comparisons: this is the row writer's hottest check.
     */
    static boolean plain(String value) {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        char first = value.charAt(0);
        if (first >= 128 || !PLAIN_FIRST[first]) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                return false;
            }
        }
        return true;
    }
}
