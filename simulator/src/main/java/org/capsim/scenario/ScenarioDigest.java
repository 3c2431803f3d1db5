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
import java.util.function.Function;


/**
 * A hash of a study's scenario as its runs see it: the scenario file's text and the content of
 * every trace and data file its points read (each file once, however many points read it). The
 * text and the study's --set or --vary values fix how the files are read, so a file changed in
 * place changes the hash. A resumed run must see the same.
 */
public final class ScenarioDigest {

    private ScenarioDigest() {
    }

    /** SHA-256, in hex, of {@code text} (the scenario file's) and the files {@code scenario} read. */
    public static String of(String text, Scenario scenario) {
        return of(text, List.of(scenario), ScenarioDigest::sha256);
    }

    /**
     * SHA-256, in hex, of {@code text} and the files that any of {@code points} (one study's) read,
     * each file's content hashed by {@code fileHash} (a study's own cache of them).
     */
    public static String of(String text, List<Scenario> points, Function<Path, String> fileHash) {
        MessageDigest digest = sha256();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        Set<Path> seen = new HashSet<>();
        for (Scenario point : points) {
            for (DataFile file : point.dataFiles()) {
                if (seen.add(file.path())) {
                    digest.update(("\nfile " + file.name() + " " + fileHash.apply(file.path()))
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256, in hex, of a file's content. */
    public static String sha256(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " again to hash it: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
