package org.capsim.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The OS lock a run holds on its work folder for its whole life, on a file inside it. An OS
 * lock, not a marker file: a crash or a SIGKILL releases it, so the next run can tell a dead
 * run's folder (free) from a live one's (held), and never removes a live one.
 */
final class RunLock implements AutoCloseable {

    /** The lock file's name in the work folder (and, for an instant after the commit, in the report). */
    static final String FILE = ".capsim-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code folder}.
     *
     * @return empty when another run holds it (another process, or this one)
     */
    static Optional<RunLock> tryTake(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new RunLock(channel, lock));
    }

    /** Writes this process as the holder, for the message another run gives. */
    RunLock claim() throws IOException {
        String text = "pid " + ProcessHandle.current().pid() + "\nstarted "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return this;
    }

    /** Who holds the lock of {@code folder}, as its holder wrote it: "started T, pid N". */
    static String holder(Path folder) {
        try {
            String text = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8);
            String pid = field(text, "pid ");
            String started = field(text, "started ");
            return "started " + started + ", pid " + pid;
        } catch (NoSuchFileException e) {
            return "just starting";
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static String field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length())).findFirst().orElse("?");
    }

    /** Releases the lock (the file stays: whoever removes the folder removes it). */
    @Override
    public void close() throws IOException {
        try (FileChannel c = channel) {
            if (lock.isValid()) {
                lock.release();
            }
        }
    }
}
