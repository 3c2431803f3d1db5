package org.capsim.experiment;

import java.util.List;

import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;

/**
 * Replicate until the mean wait is known well enough: until the 95 % half width of
 * {@code wait_h_mean} is within {@code target} of its mean for every policy, or
 * {@code maxReplications} are reached. The number of replications added depends only on the
 * results so far, never on threads or timing, so a run is reproducible.
 *
 * @param target          relative half width, e.g. 0.05 for 5 %
 * @param maxReplications the cap
 */
public record Precision(double target, int maxReplications) {

    /** The metric whose precision is asked for. */
    public static final String METRIC = "wait_h_mean";

    public Precision {
        if (!(target > 0 && target < 1e6)) {
            throw new IllegalArgumentException("target must be positive");
        }
        if (maxReplications < 2) {
            throw new IllegalArgumentException("at least 2 replications are needed for an interval");
        }
    }

    /**
     * How it ended.
     *
     * @param reached the largest relative half width over the policies (NaN when the mean wait is undefined)
     */
    public record Outcome(double target, double reached, boolean met, int maxReplications) {
    }

    /** The worst relative half width over the policies' summaries; NaN when any is undefined. */
    public static double relativeHalfWidth(List<Summary> summaries) {
        double worst = 0;
        for (Summary summary : summaries) {
            Estimate e = summary.metrics().get(METRIC);
            if (e == null || e.n() < 2 || Double.isNaN(e.mean())) {
                return Double.NaN;
            }
            // waits are never negative: a zero mean means every wait was zero, known exactly
            double relative = e.mean() == 0 ? 0.0 : e.ci95() / Math.abs(e.mean());
            worst = Math.max(worst, relative);
        }
        return worst;
    }

    /** Replications to start with: at least two, so that there is an interval. */
    public int initial(int asked) {
        return Math.min(maxReplications, Math.max(2, asked));
    }

    /**
     * Replications to have after {@code n} gave relative half width {@code relative}, or
     * {@code n} to stop. The half width shrinks as 1/sqrt(n), so about n (relative / target)^2
     * are needed; at most doubling per batch, since early estimates of the spread are rough. An
     * undefined half width (too few replications where a job started) doubles n.
     */
    public int next(int n, double relative) {
        if (relative <= target || n >= maxReplications) {
            return n;
        }
        long wanted = Double.isNaN(relative) ? 2L * n
                : (long) Math.ceil(n * (relative / target) * (relative / target));
        long capped = Math.min(Math.max(wanted, n + 1L), 2L * n);
        return (int) Math.min(capped, maxReplications);
    }

    public Outcome outcome(double reached) {
        return new Outcome(target, reached, reached <= target, maxReplications);
    }
}
