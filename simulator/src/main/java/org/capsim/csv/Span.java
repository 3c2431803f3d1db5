package org.capsim.csv;

/**
 * The characters {@code from} (inclusive) to {@code to} (exclusive) of {@code text}: a field
 * without a String of its own, for a reader that keeps a million of them.
 */
public record Span(String text, int from, int to) {

    public boolean isEmpty() {
        return from == to;
    }

    @Override
    public String toString() {
        return text.substring(from, to);
    }
}
