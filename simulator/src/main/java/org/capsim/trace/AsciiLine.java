package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream, each as a window on a reused buffer (no String per line): for
 * formats whose data lines are ASCII, read a million rows at the speed of the bytes. A line's
 * bytes are valid until the next call of {@link #next}; as a CharSequence each byte is a char.
 */
final class AsciiLine implements CharSequence {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    /** Bytes of the buffer read from the stream. */
    private int filled;
    /** Where the next line starts. */
    private int next;
    private boolean ended;
    private int from;
    private int to;
    private long number;

    AsciiLine(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line (without its CR LF or LF); false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            for (int i = next; i < filled; i++) {
                if (buffer[i] == '\n') {
                    take(i, i + 1);
                    return true;
                }
            }
            if (ended) {
                if (next < filled) {
                    take(filled, filled);
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void take(int end, int after) {
        from = next;
        to = end > from && buffer[end - 1] == '\r' ? end - 1 : end;
        next = after;
        number++;
    }

    /** Keeps the unfinished line at the buffer's start and reads more after it. */
    private void fill() throws IOException {
        int rest = filled - next;
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, rest);
        } else if (rest == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        next = 0;
        filled = rest;
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
            ended = true;
        } else {
            filled += n;
        }
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** The current line's start and end in {@link #charAt}'s terms are 0 and {@link #length}. */
    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        return (char) (buffer[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    /** The current line as text (each byte a char), for messages. */
    @Override
    public String toString() {
        char[] chars = new char[length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = charAt(i);
        }
        return new String(chars);
    }

    /** A part of the current line as text, for messages. */
    String text(int start, int end) {
        return toString().substring(start, end);
    }
}
