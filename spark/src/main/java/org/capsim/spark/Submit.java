package org.capsim.spark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.capsim.cli.Main;

/**
 * The main class of capsim-spark.jar under {@code spark-submit}: capsim's command line, with the
 * replications on the master that spark-submit was given ({@code --master}, or the cluster's
 * spark-defaults.conf), as if {@code --spark MASTER} had been typed.
 */
public final class Submit {

    private Submit() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // charts are drawn off screen
        System.exit(run(args, new SparkConf().get("spark.master", "")));
    }

    /** The exit status of capsim's command line run on {@code master}. */
    static int run(String[] args, String master) {
        List<String> line = new ArrayList<>(List.of(args));
        boolean study = !line.isEmpty() && (line.get(0).equals("run") || line.get(0).equals("compare"));
        boolean named = line.stream().anyMatch(arg -> arg.equals("--spark") || arg.startsWith("--spark="));
        if (study && !named && !line.contains("--help") && !line.contains("-h")) {
            if (master.isBlank()) {
                System.err.println("capsim-spark: no Spark master: run this jar with spark-submit --master MASTER");
                return 2;
            }
            line.add("--spark");
            line.add(master);
        }
        return Main.run(line.toArray(String[]::new), new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }
}
