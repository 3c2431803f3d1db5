package org.capsim.policy;

/** A routing policy failed: it threw, or decided something impossible. Stops the run. */
public final class PolicyException extends RuntimeException {

    private final String policy;

    public PolicyException(String policy, String message, Throwable cause) {
        super("routing policy '" + policy + "' " + message, cause);
        this.policy = policy;
    }

    public String policy() {
        return policy;
    }
}
