package org.capsim.cli;

/**
 * The machine would not take the report (a full disk, an I/O error): exit status 1 like an
 * internal error, but not a capsim bug, so the message says what failed and that the previous
 * report is untouched, without asking for a bug report.
 */
final class WriteFailure extends RuntimeException {

    WriteFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
