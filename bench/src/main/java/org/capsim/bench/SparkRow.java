package org.capsim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Row (j), issue 21: the stargate compare (3 policies x 10 replications, no charts) with its
 * replications as Spark tasks ({@code --spark local[2]}) against two threads ({@code --threads
 * 2}), in rounds that alternate the two, each keeping its fastest; then {@code --spark local[N]}
 * for N = 1, 2, 4, ... up to this machine's cores. Only when asked ({@code --only j}): Spark's
 * jars are built and downloaded on first use.
 */
final class SparkRow {

    /** Spark over threads, the table's target. */
    static final double TARGET = 1.15;
    private static final String POLICIES = "exclusive,rofr,earliest-start";

    private final Launcher launcher;
    private final int rounds;

    SparkRow(Launcher launcher, int rounds) {
        this.launcher = launcher;
        this.rounds = rounds;
    }

    List<Row> measure(boolean quick) throws Exception {
        Path scenario = StargateScenario.write(launcher.root(), launcher.work(), "stargate-spark.yaml", "", quick);
        String replications = quick ? "2" : "10";
        // untimed: builds capsim-spark when missing or stale, and warms the file cache
        run(scenario, "1", "spark-warm-up", "--spark", "local[2]");
        Timed threads = null;
        Timed spark = null;
        for (int round = 0; round < rounds; round++) {
            threads = Timed.faster(threads, run(scenario, replications, "threads-2", "--threads", "2"));
            spark = Timed.faster(spark, run(scenario, replications, "spark-local-2", "--spark", "local[2]"));
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("(j) stargate compare, --spark local[2] / --threads 2",
                String.format(Locale.ROOT, "threads %.1f s", threads.seconds()),
                String.format(Locale.ROOT, "spark %.1f s", spark.seconds()),
                Row.ratio(spark.seconds() / threads.seconds(), TARGET)));
        rows.add(new Row("    3 policies x " + replications + " replications" + (rounds > 1 ? ", best of " + rounds : ""),
                "", "", ""));
        int cores = Runtime.getRuntime().availableProcessors();
        Timed one = null;
        for (int n = 1; n <= cores; n *= 2) {
            Timed timed = n == 2 ? spark : run(scenario, replications, "spark-local-" + n, "--spark", "local[" + n + "]");
            one = n == 1 ? timed : one;
            rows.add(new Row("    --spark local[" + n + "]", "", String.format(Locale.ROOT, "%.1f s", timed.seconds()),
                    String.format(Locale.ROOT, "speed-up %.2fx", one.seconds() / timed.seconds())));
        }
        return rows;
    }

    private Timed run(Path scenario, String replications, String what, String... where) throws Exception {
        List<String> command = launcher.capsim("compare", scenario.toString(), "--policies", POLICIES,
                "--replications", replications, "--no-charts", "--quiet", "--out", launcher.work().resolve(what).toString());
        command.addAll(List.of(where));
        return launcher.time(what, command);
    }
}
