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
import java.util.List;

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

    /** What capsim writes in a report folder; a folder holding anything else is not replaced. */
    static final java.util.Set<String> REPORT_ENTRIES = java.util.Set.of("summary.json", "jobs.csv", "sites.csv",
            "scenario.yaml", "index.html", "charts", "sweep.csv");

    /** Whether capsim writes an entry of this name: a report file, or a sweep point's folder. */
    static boolean isReportEntry(String name) {
        return REPORT_ENTRIES.contains(name) || name.matches("point-[0-9]+");
    }

    /** Why a report folder cannot go to {@code target}; the message is fit for the user. */
    public static final class UnusableTarget extends IOException {
        UnusableTarget(String message) {
            super(message);
        }
    }

    /**
     * Prepares a temporary folder for {@code target}. A target that exists must be an earlier
     * report (only files capsim writes) or empty: a run never deletes files it did not write.
     *
     * @throws UnusableTarget when the target is a file or a folder holding other files
     * @throws IOException    when the parent cannot be created or written
     */
    public static ReportFolder create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new UnusableTarget(target + " is a file, not a folder");
            }
            List<String> foreign;
            try (java.util.stream.Stream<Path> entries = Files.list(absolute)) {
                foreign = entries.map(p -> p.getFileName().toString()).filter(name -> !isReportEntry(name))
                        .sorted().limit(4).toList();
            }
            if (!foreign.isEmpty()) {
                throw new UnusableTarget(target + " already holds files capsim did not write (" + String.join(", ", foreign)
                        + (foreign.size() == 4 ? ", ..." : "") + "); choose a new or empty folder");
            }
        }
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new UnusableTarget(target + " is the file system root; choose a folder");
        }
        Files.createDirectories(parent);
        return new ReportFolder(absolute, createFresh(parent, "." + absolute.getFileName() + ".tmp-"));
    }

    /**
     * A new, empty folder in {@code parent}, named {@code prefix} and a suffix no entry there has.
     * Not {@link Files#createTempDirectory}: its names come from a SecureRandom, costly to seed,
     * and a name that only has to be new in one folder needs no secret (creating a folder fails when the name is taken, and the next is tried). The folder
     * gets the permissions of any folder the user makes (the umask's), not a temporary folder's
     * private ones: it becomes the report, or its charts.
     */
    static Path createFresh(Path parent, String prefix) throws IOException {
        String process = Long.toHexString(ProcessHandle.current().pid()) + "-";
        long suffix = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createDirectory(parent.resolve(prefix + process + Long.toHexString(suffix + attempt)));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 1000) {
                    throw e;
                }
            }
        }
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

    public static void deleteTree(Path root) throws IOException {
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
