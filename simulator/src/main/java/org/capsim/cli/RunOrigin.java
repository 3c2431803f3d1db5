package org.capsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.capsim.report.Provenance;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioDigest;

/**
 * What a study records of itself in each report's provenance: the build, the JVM, the machine and
 * the command line, known when it starts; the hashes and the end time, when each report is done.
 */
final class RunOrigin {

    /** Words a shell takes as they are; any other is quoted in the recorded command line. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private final List<String> args;
    private final Instant started;
    private final long startNanos;
    /** Each data file's hash, read once per study: every point of a sweep reads the same traces. */
    private final Map<Path, String> hashes;

    /** @param args the command line's words after {@code capsim} */
    RunOrigin(List<String> args) {
        this(args, Instant.now().truncatedTo(ChronoUnit.MILLIS), System.nanoTime(), new ConcurrentHashMap<>());
    }

    private RunOrigin(List<String> args, Instant started, long startNanos, Map<Path, String> hashes) {
        this.args = List.copyOf(args);
        this.started = started;
        this.startNanos = startNanos;
        this.hashes = hashes;
    }

    /** This run, recorded as the command {@code args} that makes the same report on its own. */
    RunOrigin as(List<String> args) {
        return new RunOrigin(args, started, startNanos, hashes);
    }

    /** The command line's words after {@code capsim}. */
    List<String> args() {
        return args;
    }

    /** The provenance of a report of {@code scenario} whose scenario.yaml holds {@code scenarioText}, done now. */
    Provenance provenance(Scenario scenario, String scenarioText) {
        List<Provenance.Input> inputs = scenario.dataFiles().stream()
                .map(f -> new Provenance.Input(f.name(), fileHash(f.path()))).toList();
        long nanos = System.nanoTime() - startNanos;
        Properties build = build();
        return new Provenance(Provenance.FORMAT, build.getProperty("version", "unknown"),
                build.getProperty("commit", "unknown"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                commandLine(), sha256(scenarioText.getBytes(StandardCharsets.UTF_8)), inputs, started.toString(),
                started.plusNanos(nanos).truncatedTo(ChronoUnit.MILLIS).toString(), Math.round(nanos / 1e6) / 1e3);
    }

    private String commandLine() {
        StringBuilder line = new StringBuilder("capsim");
        for (String arg : args) {
            line.append(' ').append(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /** The version and commit written into the classes at build time (build.properties), or none. */
    private static Properties build() {
        Properties properties = new Properties();
        try (InputStream in = RunOrigin.class.getResourceAsStream("/org/capsim/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // a build without the file: version and commit are "unknown"
        }
        return properties;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hash of a file's content, read once per study ({@link ScenarioDigest#sha256}). */
    String fileHash(Path file) {
        return hashes.computeIfAbsent(file, ScenarioDigest::sha256);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
