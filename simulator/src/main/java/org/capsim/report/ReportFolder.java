package org.capsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A report folder written safely: everything goes into a hidden work folder beside the target
 * ({@code .name.tmp-*}), which replaces the target only when complete. A failed or killed run
 * leaves the previous report as it was. The run holds an OS lock on its work folder; the next run
 * to the same target resumes a dead run's folder when it was the same study (its manifest
 * matches), and removes the other dead ones, never a live one.
 */
public final class ReportFolder implements AutoCloseable {

    /** Where a work folder keeps what a rerun resumes from: its manifest and each point's log. */
    private static final String RESUME = ".capsim-resume";
    private static final String MANIFEST = "manifest";

    private final Path target;
    private final Path temporary;
    /** Held until the folder is committed or removed (Ctrl-C or a kill leave it, for a rerun to resume). */
    private final RunLock lock;
    private final boolean resumed;
    private boolean committed;

    private ReportFolder(Path target, Path temporary, RunLock lock, boolean resumed) {
        this.target = target;
        this.temporary = temporary;
        this.lock = lock;
        this.resumed = resumed;
    }

    /** What capsim writes in a report folder; a folder holding anything else is not replaced. */
    static final java.util.Set<String> REPORT_ENTRIES = java.util.Set.of("summary.json", "jobs.csv", "sites.csv",
            "scenario.yaml", "index.html", "charts", "sweep.csv", "sensitivity.csv", "morris.csv", "arms");

    /** Whether capsim writes an entry of this name: a report file, or a sweep point's folder. */
    static boolean isReportEntry(String name) {
        return REPORT_ENTRIES.contains(name) || name.equals(RunLock.FILE) || name.matches("point-[0-9]+");
    }

    /** Why a report folder cannot go to {@code target}; the message is fit for the user. */
    public static class UnusableTarget extends IOException {
        UnusableTarget(String message) {
            super(message);
        }
    }

    /** Another run, alive, is writing to the same target. */
    public static final class Busy extends UnusableTarget {
        Busy(String message) {
            super(message);
        }
    }

    /**
     * A dead run's work folder is of another study: the first manifest entry that differs,
     * its value then and now (null where absent).
     */
    public static final class ResumeRefused extends IOException {
        private final transient Path folder;
        private final String key;
        private final String then;
        private final String now;

        ResumeRefused(Path folder, String key, String then, String now) {
            super(key + " changed: " + then + " -> " + now);
            this.folder = folder;
            this.key = key;
            this.then = then;
            this.now = now;
        }

        public Path folder() {
            return folder;
        }

        public String key() {
            return key;
        }

        public String then() {
            return then;
        }

        public String now() {
            return now;
        }
    }

    /** A new work folder for {@code target}, resuming nothing; see {@link #open}. */
    public static ReportFolder create(Path target) throws IOException {
        return open(target, null, java.util.Set.of(), true);
    }

    /**
     * Prepares the work folder for {@code target}. A target that exists must be an earlier
     * report (only files capsim writes) or empty: a run never deletes files it did not write.
     * Dead runs' work folders beside it are removed, except one whose manifest equals
     * {@code manifest}, which is resumed (unless {@code fresh}).
     *
     * @param manifest what the study is (ordered entries), kept in the work folder; null for none
     * @param mayChange manifest keys whose value may differ from the dead run's (such as the
     *                 replication count: the rerun keeps what it needs of the done ones)
     * @throws Busy          when a live run is writing to the same target
     * @throws ResumeRefused when a dead run's folder is of a study with another manifest
     * @throws UnusableTarget when the target is a file or a folder holding other files
     * @throws IOException    when the parent cannot be created or written
     */
    public static ReportFolder open(Path target, Map<String, String> manifest, java.util.Set<String> mayChange,
            boolean fresh) throws IOException {
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
        String prefix = "." + absolute.getFileName() + ".tmp-";
        List<Path> dead = new ArrayList<>();
        List<RunLock> locks = new ArrayList<>();
        try {
            try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
                for (Path sibling : siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                        .filter(Files::isDirectory).sorted().toList()) {
                    // taken before acting, so that two runs starting at once never remove each other's
                    Optional<RunLock> free = RunLock.tryTake(sibling);
                    if (free.isEmpty()) {
                        throw new Busy("another capsim run is writing " + target + " (" + RunLock.holder(sibling)
                                + "); wait for it to end, or choose another --out");
                    }
                    dead.add(sibling);
                    locks.add(free.get());
                }
            }
            removeAbandoned(parent, "." + absolute.getFileName() + ".new-");
            Path resumable = fresh || manifest == null ? null : resumable(dead, manifest, mayChange);
            for (int i = 0; i < dead.size(); i++) {
                if (!dead.get(i).equals(resumable)) {
                    deleteTree(dead.get(i));
                }
            }
            if (resumable != null) {
                RunLock held = locks.remove(dead.indexOf(resumable)).claim();
                removeHalfDrawnCharts(resumable);
                // the study as it now goes on, for a later resume to compare with
                Files.writeString(resumable.resolve(RESUME).resolve(MANIFEST), text(manifest), StandardCharsets.UTF_8);
                return new ReportFolder(absolute, resumable, held, true);
            }
        } finally {
            for (RunLock l : locks) {
                l.close();
            }
        }
        return fresh(parent, absolute, prefix, manifest);
    }

    /**
     * A new work folder, made under another name, locked, then renamed: a folder named like a
     * work folder is always locked or dead, never about to be locked.
     */
    private static ReportFolder fresh(Path parent, Path target, String prefix, Map<String, String> manifest)
            throws IOException {
        Path making = createFresh(parent, "." + target.getFileName() + ".new-");
        RunLock lock = RunLock.tryTake(making).orElseThrow(() -> new IOException("cannot lock " + making)).claim();
        try {
            if (manifest != null) {
                Files.createDirectory(making.resolve(RESUME));
                Files.writeString(making.resolve(RESUME).resolve(MANIFEST), text(manifest), StandardCharsets.UTF_8);
            }
            Path work = making.resolveSibling(prefix + making.getFileName().toString().substring(prefix.length()));
            move(making, work);
            return new ReportFolder(target, work, lock, false);
        } catch (IOException | RuntimeException e) {
            lock.close();
            deleteTree(making);
            throw e;
        }
    }

    /** How old an unlocked {@code .name.new-*} folder must be to count as a killed run's, not one being made. */
    private static final long NEW_FOLDER_GRACE_MILLIS = 60_000;

    /**
     * Removes the folders a run killed between making and renaming its work folder left: unlocked
     * and older than a minute, so never one a live run is making. They hold no replication.
     */
    private static void removeAbandoned(Path parent, String prefix) throws IOException {
        long before = System.currentTimeMillis() - NEW_FOLDER_GRACE_MILLIS;
        List<Path> abandoned;
        try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
            abandoned = siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).filter(Files::isDirectory)
                    .sorted().toList();
        }
        for (Path folder : abandoned) {
            if (Files.getLastModifiedTime(folder).toMillis() > before) {
                continue;
            }
            Optional<RunLock> free = RunLock.tryTake(folder);
            if (free.isPresent()) {
                try (RunLock held = free.get()) {
                    deleteTree(folder);
                }
            }
        }
    }

    /**
     * The newest dead folder whose manifest equals {@code manifest} but for {@code mayChange};
     * refused when the newest with one differs.
     */
    private static Path resumable(List<Path> dead, Map<String, String> manifest, java.util.Set<String> mayChange)
            throws IOException {
        Path newest = null;
        Map<String, String> newestManifest = null;
        java.nio.file.attribute.FileTime newestTime = null;
        for (Path folder : dead) {
            Path file = folder.resolve(RESUME).resolve(MANIFEST);
            if (!Files.isRegularFile(file)) {
                continue; // killed before it wrote one, or an older capsim's: nothing to resume
            }
            java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
            if (newestTime == null || time.compareTo(newestTime) > 0) {
                newest = folder;
                newestTime = time;
                newestManifest = parse(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        if (newest == null) {
            return null;
        }
        for (String key : union(manifest, newestManifest)) {
            String then = newestManifest.get(key);
            String now = manifest.get(key);
            boolean differs = then == null ? now != null : !then.equals(now);
            boolean mayDiffer = then != null && now != null && mayChange.contains(key); // a count, not a new key
            if (differs && !mayDiffer) {
                throw new ResumeRefused(newest, key, then, now);
            }
        }
        return newest;
    }

    /** Charts folders a kill left half drawn (the charts are drawn again): never part of a report. */
    private static void removeHalfDrawnCharts(Path work) throws IOException {
        List<Path> half;
        try (java.util.stream.Stream<Path> entries = Files.walk(work, 2)) {
            half = entries.filter(p -> p.getFileName().toString().startsWith(".charts.")).toList();
        }
        for (Path p : half) {
            deleteTree(p);
        }
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }

    private static String text(Map<String, String> manifest) {
        StringBuilder text = new StringBuilder();
        manifest.forEach((key, value) -> {
            if (key.contains("=") || key.contains("\n") || value.contains("\n")) {
                throw new IllegalArgumentException("manifest entries are one line each: " + key);
            }
            text.append(key).append('=').append(value).append('\n');
        });
        return text.toString();
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        text.lines().filter(l -> l.contains("=")).forEach(l -> entries.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return entries;
    }

    /** Whether this run continues a dead run's work folder. */
    public boolean resumed() {
        return resumed;
    }

    /** Where the run keeps what a rerun would resume from; removed at the commit. */
    public Path resumeDir() {
        return temporary.resolve(RESUME);
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
        deleteTree(resumeDir());
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
            move(target, old);
        }
        move(temporary, target);
        committed = true;
        // the lock moved with the folder; released once its file is gone from the report
        Files.deleteIfExists(target.resolve(RunLock.FILE));
        lock.close();
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

    /** Removes the work folder unless committed: the run failed, and would fail again. */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(temporary);
                lock.close();
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
