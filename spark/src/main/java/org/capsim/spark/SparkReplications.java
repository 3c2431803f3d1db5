package org.capsim.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.capsim.experiment.ReplicationRunner;
import org.capsim.experiment.StudyRecipe;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * {@code --spark MASTER}: a study's replications as Apache Spark tasks. Found by capsim's command
 * line through {@link java.util.ServiceLoader}; the simulator itself does not depend on Spark.
 */
public final class SparkReplications implements ReplicationRunner.Remote {

    /** Loggers of Spark and what it brings: silent, unless {@code --debug}. */
    private static final String[] NOISY = {"org.apache.spark", "org.sparkproject", "org.apache.hadoop", "io.netty",
        "org.apache.parquet", "org.apache.ivy"};

    private static final int CONNECT_MILLIS = 5_000;

    @Override
    public String option() {
        return "--spark";
    }

    @Override
    public ReplicationRunner open(String master, StudyRecipe recipe, boolean debug) {
        quiet(debug);
        reachable(master);
        SparkConf conf = new SparkConf().setMaster(master).setAppName("capsim " + recipe.scenarioFile())
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (Exception e) { // Spark's own exceptions are checked ones thrown from Scala
            throw new IllegalArgumentException("cannot start Spark on master '" + master + "': " + e.getMessage()
                    + " (expected e.g. local[4], spark://host:7077, yarn or k8s://https://host:443)", e);
        }
        return new SparkRunner(context, recipe);
    }

    /**
     * A standalone master ({@code spark://host:port}, several for high availability) answers on
     * one of its ports: Spark itself would retry for a minute and then fail the run from inside.
     */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String failure = null;
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            try {
                String host = colon < 0 ? address : address.substring(0, colon);
                int port = colon < 0 ? 7077 : Integer.parseInt(address.substring(colon + 1));
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
                    return;
                }
            } catch (IOException | IllegalArgumentException e) {
                failure = address + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master '" + master + "' (" + failure
                + "): is it running, and is this its address?");
    }

    /** Spark's own log on standard error with {@code --debug}; else none (capsim says what failed). */
    private static void quiet(boolean debug) {
        for (String name : NOISY) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(debug ? Level.INFO : Level.OFF);
            }
        }
    }
}
