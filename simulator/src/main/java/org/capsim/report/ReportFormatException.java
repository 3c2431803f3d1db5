package org.capsim.report;

/**
 * A report folder's file is not what capsim writes (edited, truncated, or from another tool):
 * the message names the file and what is wrong, and is fit for the user.
 */
public final class ReportFormatException extends Exception {

    public ReportFormatException(String message) {
        super(message);
    }
}
