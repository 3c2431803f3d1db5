package org.capsim.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.capsim.experiment.StudyFailure;
import org.capsim.metrics.ReplicationResult;
import org.capsim.report.Num;

/**
 * What a failed study tells the user, and its exit status: a planner's policy that throws or is
 * not deterministic is their bad input (exit 2); a built-in one is our bug, a failed write the
 * machine's (exit 1).
 */
final class StudyFailures {

    private StudyFailures() {
    }

    /**
     * @param debug  whether --debug was given (else the message says it shows where)
     * @param target the report folder, or null before it was chosen
     */
    static RuntimeException toExit(StudyFailure failure, boolean debug, Path target) {
        if (failure instanceof StudyFailure.PolicyFailed policy) {
            String message = "capsim: " + policy.getMessage() + " (at simulation hour " + Num.format(policy.hour()) + ")";
            if (!policy.builtIn()) {
                return new BadInputException(message + (debug ? "" : " (--debug shows where)"), policy.getCause());
            }
            return new InternalFailure(message, policy.getCause());
        }
        if (failure instanceof StudyFailure.OutputFailed output) {
            return cannotWrite(output.getMessage(), output.getCause(), target);
        }
        StudyFailure.NotDeterministic different = (StudyFailure.NotDeterministic) failure;
        ReplicationResult a = different.first();
        ReplicationResult b = different.second();
        String what = String.format(Locale.ROOT, "--verify: replication 1 of %s ran twice with different event "
                + "sequences (%,d events, hash %016x; then %,d events, hash %016x)", different.deal(), a.events(),
                a.digest(), b.events(), b.digest());
        if (!different.external().isEmpty()) {
            return new BadInputException(what + ": the policy " + String.join(", ", different.external())
                    + " is not deterministic (use the job's and fleet's data only: no unseeded random numbers, "
                    + "no wall clock, no iteration over unordered sets)");
        }
        return new InternalFailure(what + ": capsim is not deterministic here, please report it", null);
    }

    /** The disk or file system failed us: say so, and that nothing was replaced. */
    static WriteFailure cannotWrite(String reason, Throwable cause, Path target) {
        return new WriteFailure("cannot write the report" + (target == null ? "" : " in " + StudyPrinter.displayPath(target))
                + ": " + reason + " (the previous report, if any, is unchanged)", cause);
    }
}
