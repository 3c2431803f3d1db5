package org.capsim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Row (h), printed only when asked: a {@code capsim compare} of stargate-2025 under three
 * policies at 1, 2, 4, 8 and 16 threads, up to the machine's cores ({@code --no-charts}). A
 * compare runs every replication of every policy as its own task, so the speed-up shows how far
 * those tasks scale before memory bandwidth, the report writer or the slowest policy's tasks
 * hold them back.
 */
final class ThreadScalingRow {

    private static final String POLICIES = "exclusive,rofr,earliest-start";

    private final Launcher launcher;
    private final int replications;

    ThreadScalingRow(Launcher launcher, int replications) {
        this.launcher = launcher;
        this.replications = replications;
    }

    List<Row> measure(boolean quick) throws Exception {
        Path scenario = StargateScenario.write(launcher.root(), launcher.work(), "stargate-threads.yaml", "", quick);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        double one = 0;
        for (int threads = 1; threads <= Math.min(16, cores); threads *= 2) {
            Timed timed = launcher.time("compare " + threads + " threads", launcher.capsim("compare", scenario.toString(),
                    "--policies", POLICIES, "--replications", Integer.toString(replications), "--threads",
                    Integer.toString(threads), "--no-charts", "--quiet", "--out",
                    launcher.work().resolve("compare-" + threads).toString()));
            one = threads == 1 ? timed.seconds() : one;
            String what = threads > 1 ? "" : "(h) stargate compare, 3 policies x " + replications + " reps";
            rows.add(new Row(what, threads + (threads == 1 ? " thread" : " threads"),
                    String.format(Locale.ROOT, "%.1f s", timed.seconds()),
                    String.format(Locale.ROOT, "speed-up %.2fx of %d (no target)", one / timed.seconds(), threads)));
        }
        return rows;
    }
}
