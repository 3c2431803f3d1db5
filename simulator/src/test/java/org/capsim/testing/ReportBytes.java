package org.capsim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.capsim.report.Provenance;

/** Report files as byte-identity judges them: summary.json without its provenance block (times, command line). */
public final class ReportBytes {

    private ReportBytes() {
    }

    /** The file's bytes as text (one char per byte), summary.json's without provenance. */
    public static String comparable(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        return file.getFileName().toString().equals("summary.json") ? Provenance.strip(text) : text;
    }
}
