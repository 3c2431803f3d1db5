package org.capsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What made a report (summary.json's {@code provenance} block): the program, the machine, the
 * command, hashes of every file read and when it ran. Much of it changes from run to run (the
 * times, the JDK, the command's --out and --threads), so byte-identity is judged on summary.json
 * without this block: {@link #strip}.
 *
 * @param reportFormat   the report layout's version; a capsim that knows an older one cannot reproduce it
 * @param capsim         capsim's version
 * @param commit         the git commit the jar was built from ("unknown" outside git; "+changes" with uncommitted ones)
 * @param jdk            the JVM's vendor and version
 * @param os             operating system, its version and the architecture
 * @param command        the command line, as typed
 * @param scenarioSha256 sha256 of scenario.yaml as the report holds it (the scenario as run)
 * @param inputs         each trace or data file the scenario read, in reading order
 * @param started        when the study started (UTC, ISO 8601)
 * @param ended          when this report's summary was written
 * @param wallSeconds    seconds between the two
 */
public record Provenance(int reportFormat, String capsim, String commit, String jdk, String os, String command,
        String scenarioSha256, List<Input> inputs, String started, String ended, double wallSeconds) {

    /** The report layout this capsim writes: summary.json, jobs.csv, sites.csv and scenario.yaml as now. */
    public static final int FORMAT = 1;

    public Provenance {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /**
     * A file the scenario read.
     *
     * @param file   its name as the scenario gives it (relative to the scenario's folder)
     * @param sha256 its content's hash
     */
    public record Input(String file, String sha256) {
    }

    /** The line that opens the block in summary.json (it is the first key) and the one that closes it. */
    private static final String OPENS = "  \"provenance\" : {";
    private static final String CLOSES = "  },";

    /**
     * summary.json's text without its provenance block, the part that must be byte-identical
     * between runs of the same scenario and seed (on any JDK, with any --threads). The shell's
     * equivalent: {@code sed '/^  "provenance" : {$/,/^  },$/d'}.
     */
    public static String strip(String summaryJson) {
        StringBuilder out = new StringBuilder(summaryJson.length());
        boolean inside = false;
        for (String line : summaryJson.split("\n", -1)) {
            if (!inside && line.equals(OPENS)) {
                inside = true;
            } else if (inside) {
                inside = !line.equals(CLOSES);
            } else {
                out.append(line).append('\n');
            }
        }
        return out.substring(0, Math.max(0, out.length() - 1));
    }

    /**
     * A report file as byte-identity judges it: its bytes as text (one char per byte), and
     * summary.json's without this block. What tests of "the same report" compare.
     */
    public static String comparable(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        return file.getFileName().toString().equals("summary.json") ? strip(text) : text;
    }
}
