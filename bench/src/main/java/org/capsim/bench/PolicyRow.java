package org.capsim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Row (f), policies on stargate-2025: one replication on one thread ({@code --no-charts}) under
 * each routing policy, in rounds that alternate the policies, each keeping its fastest. Start
 * estimates are what the policies differ in (exclusive queues everything at Azure, the others
 * ask every pool), so the slowest over the fastest shows whether their cost follows the queue.
 * Measured on today's file (EASY backfill) and on the file as it was when issue 18 set the
 * target (strict FIFO, {@link StargateScenario#AT_ISSUE_18}).
 */
final class PolicyRow {

    /** Slowest over fastest policy the table checks against. */
    static final double TARGET = 1.5;
    static final List<String> POLICIES = List.of("exclusive", "rofr", "earliest-start", "cheapest", "commitment");
    /**
     * stargate-2025 has no commitment: Azure is owed $250B over 7 years, as in
     * deal-timeline-2025 (the same fleet; Oracle's $300B over 5 years would bind from the start,
     * when Oracle has a tenth of the fleet, and queue nearly every job there). Added to a copy of
     * the scenario that all five policies run.
     */
    static final String COMMITMENT = """
              # added by bench/PolicyRow: Azure owed $250B over 7 years, as in deal-timeline-2025
              commitment: { provider: azure, spend-usd: 250.0e+9, years: 7, fallback: earliest-start }
            """;

    private final Launcher launcher;
    private final int rounds;

    PolicyRow(Launcher launcher, int rounds) {
        this.launcher = launcher;
        this.rounds = rounds;
    }

    List<Row> measure(boolean quick) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.addAll(measure(StargateScenario.FILE, "stargate-policies.yaml", "(f) policies on stargate-2025", quick));
        rows.addAll(measure(StargateScenario.AT_ISSUE_18, "stargate-policies-at-issue-18.yaml",
                "(f) stargate-2025 as at issue 18 (FIFO)", quick));
        return rows;
    }

    private List<Row> measure(String file, String copy, String title, boolean quick) throws Exception {
        Path scenario = StargateScenario.write(launcher.root(), file, launcher.work(), copy, COMMITMENT, quick);
        Timed[] best = new Timed[POLICIES.size()];
        for (int round = 0; round < rounds; round++) {
            for (int p = 0; p < POLICIES.size(); p++) {
                best[p] = Timed.faster(best[p], run(scenario, POLICIES.get(p)));
            }
        }
        List<Row> rows = new ArrayList<>();
        double slowest = 0;
        double fastest = Double.POSITIVE_INFINITY;
        for (int p = 0; p < POLICIES.size(); p++) {
            double seconds = best[p].seconds();
            slowest = Math.max(slowest, seconds);
            fastest = Math.min(fastest, seconds);
            String what = switch (p) {
                case 0 -> title;
                case 1 -> "    1 replication, 1 thread" + (rounds > 1 ? ", best of " + rounds : "");
                default -> "";
            };
            rows.add(new Row(what, POLICIES.get(p) + (POLICIES.get(p).equals("commitment") ? " (Azure, $250B / 7 y)" : ""),
                    String.format(Locale.ROOT, "%.2f s", seconds), ""));
        }
        rows.add(new Row("    slowest / fastest policy", "", "", Row.ratio(slowest / fastest, TARGET)));
        return rows;
    }

    private Timed run(Path scenario, String policy) throws Exception {
        return launcher.time("policy " + policy, launcher.capsim("run", scenario.toString(), "--policy", policy,
                "--replications", "1", "--threads", "1", "--no-charts", "--quiet", "--out",
                launcher.work().resolve("policy-" + policy).toString()));
    }
}
