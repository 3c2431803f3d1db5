package org.capsim.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a reproduced report first differs from the original, file by file: the line and column
 * and the text on both sides, for {@code capsim reproduce}.
 */
public final class FirstDifference {

    /** Characters shown on each side of a difference. */
    private static final int SHOWN = 24;

    private FirstDifference() {
    }

    /**
     * The first difference between summary.json files, each without its provenance block (which
     * differs from run to run); the line numbers are the original's.
     */
    public static Optional<String> ofSummaries(Path original, Path reproduced) throws IOException {
        String report = Files.readString(original, StandardCharsets.UTF_8);
        String bare = Provenance.strip(report);
        int dropped = (int) (report.lines().count() - bare.lines().count()); // the block is right after line 1
        return first(original.getFileName().toString(), new BufferedReader(new StringReader(bare)),
                new BufferedReader(new StringReader(Provenance.strip(Files.readString(reproduced, StandardCharsets.UTF_8)))),
                dropped, Integer.MAX_VALUE);
    }

    /**
     * The first difference between two CSV files of rows ordered by replication (the second
     * column). The reproduced file may hold only the first {@code replications} replications: the
     * original's rows of later ones are then not compared.
     */
    public static Optional<String> ofRows(Path original, Path reproduced, int replications) throws IOException {
        try (BufferedReader a = Files.newBufferedReader(original, StandardCharsets.UTF_8);
                BufferedReader b = Files.newBufferedReader(reproduced, StandardCharsets.UTF_8)) {
            return first(original.getFileName().toString(), a, b, 0, replications);
        }
    }

    private static Optional<String> first(String name, BufferedReader original, BufferedReader reproduced, int shift,
            int replications) throws IOException {
        int line = 0;
        while (true) {
            String a = original.readLine();
            String b = reproduced.readLine();
            line++;
            int shown = line > 1 ? line + shift : line;
            if (a == null && b == null) {
                return Optional.empty();
            }
            if (b == null) {
                return beyond(a, replications) ? Optional.empty()
                        : Optional.of(name + ":" + shown + ": the report goes on, the re-run ends here: " + excerpt(a, 0));
            }
            if (a == null) {
                return Optional.of(name + ":" + shown + ": the report ends here, the re-run goes on: " + excerpt(b, 0));
            }
            if (!a.equals(b)) {
                int column = 0;
                while (column < a.length() && column < b.length() && a.charAt(column) == b.charAt(column)) {
                    column++;
                }
                return Optional.of(name + ":" + shown + ":" + (column + 1) + ": the report has '" + excerpt(a, column)
                        + "', the re-run has '" + excerpt(b, column) + "'");
            }
        }
    }

    /** Whether a row belongs to a replication after the first {@code replications} (not re-run). */
    private static boolean beyond(String row, int replications) {
        String[] fields = row.split(",", 3);
        try {
            return fields.length > 1 && Integer.parseInt(fields[1]) > replications;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The text around {@code column}: from a little before it to a little after. */
    private static String excerpt(String line, int column) {
        int from = Math.max(0, column - SHOWN);
        int to = Math.min(line.length(), column + SHOWN);
        return (from > 0 ? "..." : "") + line.substring(from, to) + (to < line.length() ? "..." : "");
    }
}
