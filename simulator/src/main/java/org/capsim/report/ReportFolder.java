package org.capsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A report folder written safely: everything goes into a hidden temporary sibling of the
 * target, which replaces the target only when complete. A failed or killed run leaves the
 * previous report as it was (at worst a hidden {@code .name.tmp-*} folder beside it).
 */
public final class ReportFolder implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final Thread cleanupOnExit;
    private boolean committed;

    private ReportFolder(Path target, Path temporary) {
        this.target = target;
        this.temporary = temporary;
        // Ctrl-C or a kill ends the JVM without close(): remove the unfinished folder then too
        this.cleanupOnExit = new Thread(() -> {
            try {
                deleteTree(temporary);
            } catch (IOException ignored) {
                // the JVM is exiting; a hidden .tmp folder is the worst that remains
            }
        }, "capsim-report-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Prepares a temporary folder for {@code target}.
     *
     * @throws IOException when the parent cannot be created or written
     */
    public static ReportFolder create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(target + " exists and is not a folder");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
        try {
            // a temporary folder is private (rwx------); the report is an ordinary folder
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
        return new ReportFolder(absolute, temporary);
    }

    /** Where to write the report's files until {@link #commit()}. */
    public Path dir() {
        return temporary;
    }

    /** The final location. */
    public Path target() {
        return target;
    }

    /** Moves the finished report into place, replacing any previous one. */
    public void commit() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
            move(target, old);
        }
        move(temporary, target);
        committed = true;
        releaseHook();
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private void releaseHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException exiting) {
            // already shutting down: the hook runs
        }
    }

    /** Removes the temporary folder unless committed. */
    @Override
    public void close() {
        releaseHook();
        if (!committed) {
            try {
                deleteTree(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the temporary report folder " + temporary, e);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
