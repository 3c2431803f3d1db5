package org.capsim.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
    public ReplicationRunner open(String master, StudyRecipe recipe, List<Path> inputs, boolean debug) {
        quiet(debug); // before SparkConf, whose first use logs (e.g. the host's loopback address)
        reachable(master);
        // spark-submit's settings (system properties) stay; capsim fills in what is not given
        SparkConf conf = new SparkConf().setMaster(master).setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (SUBMITTED) {
            conf.setIfMissing("spark.log.level", debug ? "INFO" : "ERROR"); // the cluster's log4j2
        }
        String name = conf.get("spark.app.name", "");
        if (name.isEmpty() || name.endsWith(".jar") || name.equals(Submit.class.getName())) { // spark-submit's default
            conf.setAppName("capsim " + Path.of(recipe.scenarioFile()).getFileName());
        }
        if (!master.startsWith("local") && !conf.contains("spark.jars")) {
            ownJar().ifPresent(jar -> conf.setJars(new String[] {jar}));
        }
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (Exception e) { // Spark's own exceptions are checked ones thrown from Scala
            throw new IllegalArgumentException("cannot start Spark on master '" + master + "': " + e.getMessage()
                    + " (expected e.g. local[4], spark://host:7077, yarn or k8s://https://host:443)", e);
        }
        if (master.startsWith("local")) {
            return new SparkRunner(context, recipe, null);
        }
        try { // a cluster's executors get the inputs from the driver, as they get the jar
            ShippedInputs shipped = ShippedInputs.pack(inputs, Files.createTempDirectory("capsim-inputs"));
            context.sc().addArchive(shipped.archive());
            return new SparkRunner(context, recipe, shipped);
        } catch (IOException | RuntimeException e) {
            context.stop();
            throw new UncheckedIOException("cannot pack the study's inputs for Spark's executors: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
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

    /**
     * capsim-spark.jar, which executors of a cluster need to run the tasks (spark-submit ships it
     * itself). The ./capsim launcher runs this module's classes from capsim-spark-classes.jar,
     * built beside it; empty when the classes come from a folder, as in this module's tests.
     */
    static Optional<String> ownJar() {
        try {
            Path place = Path.of(SparkReplications.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (place.getFileName().toString().equals("capsim-spark-classes.jar")) {
                place = place.resolveSibling("capsim-spark.jar");
            }
            return Files.isRegularFile(place) && place.toString().endsWith(".jar") ? Optional.of(place.toString())
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Spark's own log on standard error with {@code --debug}; else none (capsim says what failed).
     * Spark logs through capsim's logback under ./capsim; under spark-submit it logs through the
     * cluster's log4j2 (capsim-spark.jar's logback is its own, relocated), whose level
     * {@code spark.log.level} sets.
     */
    private static void quiet(boolean debug) {
        if (SUBMITTED) {
            return;
        }
        for (String name : NOISY) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(debug ? Level.INFO : Level.OFF);
            }
        }
    }

    /** In capsim-spark.jar, whose logback is relocated: Spark logs through the cluster's log4j2. */
    private static final boolean SUBMITTED = Logger.class.getName().startsWith("org.capsim.internal.");
}
