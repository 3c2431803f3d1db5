package org.capsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;


/**
 * A hash of a study's scenario as its runs see it: the scenario file's text and the bytes of every
 * trace and data file its points read (each file once, however many points read it). The text and
 * the study's --set or --vary values fix how the files are read, so a file changed in place
 * changes the hash. A resumed run must see the same.
 */
public final class ScenarioDigest {

    private ScenarioDigest() {
    }

    /** SHA-256, in hex, of {@code text} (the scenario file's) and the files {@code scenario} read. */
    public static String of(String text, Scenario scenario) {
        return of(text, List.of(scenario));
    }

    /** SHA-256, in hex, of {@code text} and the files that any of {@code points} (one study's) read. */
    public static String of(String text, List<Scenario> points) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            Set<Path> seen = new HashSet<>();
            for (Scenario point : points) {
                for (DataFile file : point.dataFiles()) {
                    if (seen.add(file.path().toAbsolutePath().normalize())) {
                        digest.update(("\n" + (file.trace() ? "trace " : "data ") + file.name() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                        addBytes(digest, file);
                    }
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
