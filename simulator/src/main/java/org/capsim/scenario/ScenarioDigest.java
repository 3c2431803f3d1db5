package org.capsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.capsim.demand.Trace;
import org.capsim.demand.TraceClass;

/**
 * A hash of a scenario as a run sees it: its file's text, the rows of the traces it replays, as
 * loaded, and the bytes of its other data files (empirical distributions' CSVs): a file changed in
 * place changes the scenario too. A resumed run must see the same.
 */
public final class ScenarioDigest {

    private ScenarioDigest() {
    }

    /** SHA-256, in hex, of {@code text} (the scenario file's), {@code scenario}'s trace rows and its data files. */
    public static String of(String text, Scenario scenario) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            for (var workload : scenario.demand()) {
                if (workload instanceof TraceClass traced) {
                    Trace trace = traced.trace();
                    StringBuilder rows = new StringBuilder("\ntrace ").append(trace.source());
                    for (int row = 0; row < trace.size(); row++) {
                        rows.append('\n').append(trace.id(row)).append(' ').append(Double.doubleToLongBits(trace.arrival(row)))
                                .append(' ').append(trace.gpus(row)).append(' ')
                                .append(Double.doubleToLongBits(trace.hours(row)));
                    }
                    digest.update(rows.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            for (DataFile file : scenario.dataFiles()) {
                if (!file.trace()) {
                    digest.update(("\ndata " + file.name() + "\n").getBytes(StandardCharsets.UTF_8));
                    addBytes(digest, file);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void addBytes(MessageDigest digest, DataFile file) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file.path())) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name() + " again to hash it: " + e.getMessage(), e);
        }
    }
}
