package org.capsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.capsim.experiment.PointDeltas;
import org.capsim.experiment.PointResult;
import org.capsim.experiment.Precision;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.metrics.ReplicationResult;
import org.capsim.replication.Deal;
import org.capsim.report.ComparisonTable;
import org.capsim.report.Num;
import org.capsim.report.SummaryTable;
import org.capsim.report.SweepCsv;

/** What {@code run} and {@code compare} print: what runs (stderr), then the summary (stdout). */
final class StudyPrinter {

    private final PrintWriter out;
    private final PrintWriter err;

    StudyPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Where the replications run, for the line that announces a study: "2 threads", "Spark local[4]". */
    static String where(int threads, String spark) {
        return spark != null ? "Spark " + spark : threads + " thread" + (threads == 1 ? "" : "s");
    }

    /** The scenario's notes, then one line of what runs ({@code spark}: the master, else null). */
    void announce(String command, StudyPlan plan, String spark) {
        SweepPoint first = plan.first();
        first.scenario().notes().forEach(note -> err.println("note: " + note));
        Precision precision = plan.precision();
        String labels = String.join(", ", first.labels());
        int n = plan.firstBatch(first);
        String replications = precision == null ? n + " replication" + (n == 1 ? "" : "s")
                : String.format(Locale.ROOT, "replications until the mean wait is within %s%% (from %d, at most %d)",
                        Num.format(precision.target() * 100), n, precision.maxReplications());
        err.printf(Locale.ROOT, "capsim %s %s: %s %s, %s, seed %d, %s%s%n", command, first.scenario().name(),
                first.deals().size() == 1 ? "policy" : "policies", labels, replications, first.options().seed(),
                where(first.options().threads(), spark),
                plan.points().size() > 1 ? ", " + plan.points().size() + " sweep points" : "");
        String deal = first.dealDescription();
        if (deal != null) {
            err.println("deal: " + deal);
        }
        err.flush();
    }

    /** --verify passed for {@code deal}. */
    void verified(Deal deal, ReplicationResult result, double seconds) {
        err.printf(Locale.ROOT, "verify: replication 1 of %s ran twice: the same %,d events (hash %016x), %.1f s%n",
                deal.label(), result.events(), result.digest(), seconds);
        err.flush();
    }

    void drawing(boolean charts) {
        err.println(charts ? "drawing charts and index.html" : "writing index.html (charts skipped: --no-charts)");
        err.flush();
    }

    /** The summary table (or comparison, or sweep table), precision outcomes, and where the report is. */
    void end(List<PointResult> results, boolean sweep, Path target, double seconds, double chartSeconds) {
        out.println();
        if (sweep) {
            SweepCsv.printTable(out, rows(results));
        } else {
            PointResult only = results.get(0);
            if (only.point().deals().size() > 1) {
                ComparisonTable.print(out, only.point().labels(), only.summaries(), only.comparison());
            } else {
                SummaryTable.print(out, only.summaries().get(0));
            }
        }
        out.println();
        for (PointResult r : results) {
            if (r.precision() != null) {
                Precision.Outcome p = r.precision();
                out.printf(Locale.ROOT, "%s%s after %d replications: half width of the mean wait %s of the mean (target %s)%n",
                        sweep ? "point " + r.point().number() + ": " : "", p.met() ? "precision met" : "precision NOT met",
                        r.replications(), Double.isNaN(p.reached()) ? "undefined" : percent(p.reached()), percent(p.target()));
            }
        }
        int replications = results.stream().mapToInt(r -> r.replications() * r.point().deals().size()).sum();
        long events = results.stream().mapToLong(PointResult::events).sum();
        out.printf(Locale.ROOT, "%d replication%s in %.1f s (%,d events; charts and page %.1f s). Report: %s%n",
                replications, replications == 1 ? "" : "s", seconds, events, chartSeconds, displayPath(target));
        out.printf(Locale.ROOT, "Open %sindex.html in a browser.%n", displayPath(target));
        out.flush();
    }

    /** The sweep table's rows. */
    static List<SweepCsv.Point> rows(List<PointResult> results) {
        PointResult first = results.get(0);
        return results.stream().map(r -> new SweepCsv.Point(r.point().number(), r.point().overrides(), r.point().labels(),
                r.summaries(), PointDeltas.against(first, r))).toList();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** The folder relative to the working directory when inside it, with a trailing slash. */
    static String displayPath(Path target) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) + "/" : absolute + "/";
    }
}
