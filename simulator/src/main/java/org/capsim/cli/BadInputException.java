package org.capsim.cli;

import java.util.List;

/** Bad input from the user (arguments, files): exit status 2, messages already fit to print. */
final class BadInputException extends RuntimeException {

    private final List<String> messages;

    BadInputException(String message) {
        this(List.of(message));
    }

    BadInputException(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    /** With the underlying cause, shown with --debug. */
    BadInputException(String message, Throwable cause) {
        super(message, cause);
        this.messages = List.of(message);
    }

    List<String> messages() {
        return messages;
    }
}
