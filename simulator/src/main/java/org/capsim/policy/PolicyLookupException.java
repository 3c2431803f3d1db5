package org.capsim.policy;

/** A policy could not be found or created; a bad-input error for the user. */
public final class PolicyLookupException extends RuntimeException {

    public PolicyLookupException(String message) {
        super(message);
    }
}
