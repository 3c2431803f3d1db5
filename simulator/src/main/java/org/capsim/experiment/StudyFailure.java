package org.capsim.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

import org.capsim.engine.SimulationFailure;
import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.PolicyException;
import org.capsim.policy.PolicyRegistry;

/** Why a study stopped: each kind says whose fault it is, so a caller can tell the user. */
public abstract sealed class StudyFailure extends RuntimeException {

    private StudyFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A policy threw during the simulation (the cause).
     *
     * @param hour    the simulated hour of the failing event
     * @param builtIn whether the policy is one of capsim's own, so capsim's bug; otherwise the planner's
     */
    public static final class PolicyFailed extends StudyFailure {
        private final double hour;
        private final boolean builtIn;

        PolicyFailed(PolicyException cause, double hour, boolean builtIn) {
            super(cause.getMessage(), cause);
            this.hour = hour;
            this.builtIn = builtIn;
        }

        public double hour() {
            return hour;
        }

        public boolean builtIn() {
            return builtIn;
        }
    }

    /** The results could not be written (a full disk, an I/O error); the cause is what was thrown. */
    public static final class OutputFailed extends StudyFailure {
        OutputFailed(IOException io, Throwable thrown) {
            super(io.getMessage(), thrown);
        }
    }

    /**
     * Replication 1 of a deal, simulated twice, executed different event sequences.
     *
     * @param external the planner's policies in the deal (the likely cause), empty when all are capsim's
     */
    public static final class NotDeterministic extends StudyFailure {
        private final String deal;
        private final ReplicationResult first;
        private final ReplicationResult second;
        private final List<String> external;

        NotDeterministic(String deal, ReplicationResult first, ReplicationResult second, List<String> external) {
            super("replication 1 of " + deal + " ran twice with different event sequences", null);
            this.deal = deal;
            this.first = first;
            this.second = second;
            this.external = List.copyOf(external);
        }

        public String deal() {
            return deal;
        }

        public ReplicationResult first() {
            return first;
        }

        public ReplicationResult second() {
            return second;
        }

        public List<String> external() {
            return external;
        }
    }

    /** Runs {@code point}'s simulation work, turning the failures it knows into study failures. */
    static <T> T guard(SweepPoint point, Supplier<T> work) {
        try {
            return work.get();
        } catch (SimulationFailure failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof PolicyException policyFailure) {
                PolicyRegistry.Entry entry = point.deals().stream().map(d -> d.entry(policyFailure.policy()))
                        .filter(e -> e != null).findFirst().orElse(null);
                throw new PolicyFailed(policyFailure, failure.time(), entry != null && entry.builtIn());
            }
            if (cause instanceof UncheckedIOException io) {
                throw new OutputFailed(io.getCause(), failure);
            }
            throw failure;
        } catch (UncheckedIOException io) {
            throw new OutputFailed(io.getCause(), io);
        }
    }
}
