package org.capsim.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.capsim.demand.Trace;
import org.capsim.demand.TraceClass;

/**
 * A hash of a scenario as a run sees it: its file's text and the rows of the traces it replays,
 * as loaded (a trace file changed in place changes the scenario too). A resumed run must see the
 * same. Empirical distributions' CSV files are not covered.
 */
public final class ScenarioDigest {

    private ScenarioDigest() {
    }

    /** SHA-256, in hex, of {@code text} (the scenario file's) and {@code scenario}'s trace rows. */
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
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
