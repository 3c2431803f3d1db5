package org.capsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Plain-words reasons for file-system errors. */
final class IoMessages {

    private IoMessages() {
    }

    static String describe(Throwable error) {
        Throwable e = error instanceof UncheckedIOException u ? u.getCause() : error;
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such folder, or it cannot be created: " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof NotDirectoryException d) {
            return d.getFile() + " is not a folder";
        }
        if (e instanceof FileSystemException f) {
            return (f.getReason() != null ? f.getReason().toLowerCase(java.util.Locale.ROOT) : "cannot write") + ": " + f.getFile();
        }
        if (e instanceof SecurityException) {
            return "not allowed: " + e.getMessage();
        }
        return e instanceof IOException && e.getMessage() != null ? e.getMessage() : String.valueOf(e.getMessage());
    }
}
