package org.capsim.cli;

/** A failure that is capsim's fault (exit status 1), with a message fit to print. */
final class InternalFailure extends RuntimeException {

    InternalFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
