package org.capsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.capsim.cli.Main;
import org.capsim.report.Provenance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: a master and two workers as JVMs of their own on 127.0.0.1, from the
 * project's Spark jars. A compare submitted to it is byte-identical to {@code --threads}; so is
 * one during which a worker is killed with {@code kill -9} (SIGKILL). Everything started is
 * stopped by process id.
 */
class SparkClusterIT {

    private static final Path ROOT = Path.of(System.getProperty("capsim.root", ".."));
    private static final String SCENARIO = ROOT.resolve("scenarios/mmc-check.yaml").toAbsolutePath().toString();
    private static final List<String> STUDY = List.of("compare", SCENARIO, "--policies", "earliest-start,cheapest",
            "--replications", "8", "--no-charts", "--quiet");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (Process process : started) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly); // the workers' executors
            process.destroyForcibly();
        }
        System.clearProperty("spark.executor.extraClassPath");
    }

    /** Law: the report does not change when the replications run on a cluster, even when a worker dies. */
    @Test
    void clusterReportIsByteIdenticalEvenWhenAWorkerIsKilled() throws Exception {
        Path threads = tmp.resolve("threads");
        assertEquals(0, capsim("--threads", "2", "--out", threads.toString()));
        String master = startCluster(2);
        Process worker1 = workers.get(0);
        Path work1 = tmp.resolve("work-1");
        // executors are started by the workers from this class path
        System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));

        // worker 1 dies once its executor is up: its tasks are retried on worker 2 (a run without a
        // kill is the next test's spark-submit and launcher runs)
        Path killed = tmp.resolve("killed");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> capsim("--spark", master, "--out",
                killed.toString()));
        awaitExecutor(work1);
        new ProcessBuilder("kill", "-9", String.valueOf(worker1.pid())).inheritIO().start().waitFor();
        assertEquals(0, run.get());
        assertTrue(!worker1.isAlive(), "the worker was killed");
        assertSameFiles(threads, killed);
    }

    /**
     * Law: capsim-spark.jar under spark-submit (its main class, {@code SparkSubmit}, on a class
     * path like a Spark distribution's jars/, with log4j2 as SLF4J's provider) writes the same
     * report as threads; so does the ./capsim launcher's class path. The executors have Spark's
     * jars alone: capsim reaches them in the jar the driver ships. Spark's log stays quiet.
     */
    @Test
    void sparkSubmitAndLauncherShipTheJarAndAreByteIdentical() throws Exception {
        Path threads = tmp.resolve("threads");
        assertEquals(0, capsim("--threads", "2", "--out", threads.toString()));
        String master = startCluster(1);
        String distribution = distributionClassPath();

        // a scenario replaying an SWF trace beside it: the executors get both in the inputs' archive
        List<String> traceStudy = List.of("compare", traceScenario().toString(), "--policies",
                "earliest-start,cheapest", "--replications", "4", "--no-charts", "--quiet");
        Path traceThreads = tmp.resolve("trace-threads");
        assertEquals(0, capsim(traceStudy, "--threads", "2", "--out", traceThreads.toString()));
        Path submitted = tmp.resolve("submitted");
        List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--conf", "spark.executor.extraClassPath=" + distribution, SUBMIT_JAR.toString()));
        submit.addAll(traceStudy);
        submit.addAll(List.of("--out", submitted.toString()));
        Process process = startWith(distribution, "submit", submit);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "spark-submit ended");
        String log = Files.readString(tmp.resolve("submit.log"));
        assertEquals(0, process.exitValue(), log);
        assertSameFiles(traceThreads, submitted);
        try (Stream<Path> fetched = Files.walk(tmp.resolve("work-1"))) {
            List<String> names = fetched.map(file -> tmp.resolve("work-1").relativize(file).toString().replace('\\', '/'))
                    .toList();
            assertTrue(names.stream().anyMatch(name -> name.endsWith("/capsim-spark.jar")),
                    "the executor fetched capsim-spark.jar from the driver: " + names);
            assertTrue(names.stream().anyMatch(name -> name.endsWith("capsim-inputs.zip/scenarios/slice.yaml"))
                    && names.stream().anyMatch(name -> name.endsWith("capsim-inputs.zip/traces/jobs.swf")),
                    "the executor unpacked the scenario and its trace, laid out as on the driver: " + names);
        }

        // ./capsim --spark's class path (its jar, this module's classes, Spark with capsim's logback)
        Path launched = tmp.resolve("launched");
        Path target = ROOT.resolve("spark/target");
        String launcherPath = String.join(File.pathSeparator, ROOT.resolve("simulator/target/capsim.jar").toString(),
                target.resolve("capsim-spark-classes.jar").toString(),
                Files.readString(target.resolve("spark-classpath.txt")).trim());
        List<String> launch = new ArrayList<>(List.of("-Dspark.executor.extraClassPath=" + distribution,
                Main.class.getName()));
        launch.addAll(STUDY);
        launch.addAll(List.of("--spark", master, "--out", launched.toString()));
        Process launcher = startWith(launcherPath, "launcher", launch);
        assertTrue(launcher.waitFor(5, TimeUnit.MINUTES), "the launcher's run ended");
        String launcherLog = Files.readString(tmp.resolve("launcher.log"));
        assertEquals(0, launcher.exitValue(), launcherLog);
        assertSameFiles(threads, launched);
        // --quiet: not a line of Spark's log either (its first, "WARN Utils: Your hostname ...
        // resolves to a loopback address", came before capsim turned Spark's loggers off)
        assertFalse(launcherLog.contains("SLF4J") || LOGGED.matcher(launcherLog).find(), launcherLog);
        assertFalse(log.contains("SLF4J"), "one SLF4J provider on each side:\n" + log);
        assertFalse(log.contains(" INFO TaskSetManager"), "Spark's task log is off by default:\n" + log);
    }

    /** A small scenario in its own folder, replaying 300 real Philly jobs in SWF from a folder beside it. */
    private Path traceScenario() throws IOException {
        Path inputs = tmp.resolve("inputs");
        Files.createDirectories(inputs.resolve("traces"));
        Files.copy(ROOT.resolve("simulator/src/test/resources/traces/philly-slice/jobs.swf"),
                inputs.resolve("traces/jobs.swf"));
        return Files.writeString(Files.createDirectories(inputs.resolve("scenarios")).resolve("slice.yaml"), """
                name: slice
                start: 2025-01-01
                horizon: 2025-02-15
                seed: 3
                gpu-types:
                  H100: { peak-tflops: 989, kw-per-gpu: 1.5 }
                providers:
                  lab: { name: Lab, price-per-gpu-hour: 2.0 }
                sites:
                  - id: lab-1
                    provider: lab
                    build-out:
                      - { date: 2025-01-01, gpu-type: H100, gpus: 48 }
                demand:
                  - class: philly
                    kind: trace
                    format: swf
                    file: ../traces/jobs.swf
                    origin: 2025-01-01
                    reference-gpu: H100
                routing:
                  policy: earliest-start
                """);
    }

    /** A standalone master and {@code count} one-core workers; returns the master's URL. */
    private String startCluster(int count) throws IOException, InterruptedException {
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port);
        for (int i = 1; i <= count; i++) {
            Path work = Files.createDirectories(tmp.resolve("work-" + i));
            workers.add(start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(), master));
        }
        return master;
    }

    /** Spark and its libraries as a distribution has them, without capsim's classes. */
    private static String distributionClassPath() throws IOException {
        Path target = ROOT.resolve("spark/target");
        String spark = Files.readString(target.resolve("spark-distribution-classpath.txt")).trim();
        try (Stream<Path> jars = Files.list(target.resolve("spark-distribution"))) {
            return Stream.concat(Stream.of(spark), jars.map(Path::toString)).collect(Collectors.joining(File.pathSeparator));
        }
    }

    /** A line of a logger, as capsim's logback writes them: "WARN Utils: ...". */
    private static final Pattern LOGGED = Pattern.compile("(?m)^(TRACE|DEBUG|INFO|WARN|ERROR) \\S+: ");

    private static final Path SUBMIT_JAR = ROOT.resolve("spark/target/capsim-spark.jar").toAbsolutePath();

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> line = new ArrayList<>(List.of(mainClass));
        line.addAll(List.of(args));
        return startWith(System.getProperty("java.class.path"), name, line);
    }

    private Process startWith(String classPath, String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("capsim.spark.jvm", "").split(" ")));
        command.addAll(List.of("-cp", classPath));
        command.addAll(mainAndArgs);
        command.removeIf(String::isBlank);
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars")).getParent();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static int capsim(String... more) {
        return capsim(STUDY, more);
    }

    private static int capsim(List<String> study, String... more) {
        String[] args = Stream.concat(study.stream(), Stream.of(more)).toArray(String[]::new);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            System.err.println(err.toString(StandardCharsets.UTF_8));
        }
        return status;
    }

    /** The worker has started an executor for the application: the run is under way. */
    private static void awaitExecutor(Path work) throws InterruptedException, IOException {
        for (int i = 0; i < 1200; i++) {
            try (Stream<Path> apps = Files.list(work)) {
                if (apps.anyMatch(Files::isDirectory)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("worker 1 started no executor for the run in a minute");
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the master did not open port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> files = files(expected);
        assertEquals(files, files(actual));
        assertTrue(files.contains(Path.of("jobs.csv")), "a report");
        for (Path file : files) {
            // the outputs less their provenance (run times, command line), which also shows on the page
            if (!file.getFileName().toString().equals("index.html")) {
                assertEquals(Provenance.comparable(expected.resolve(file)), Provenance.comparable(actual.resolve(file)), file.toString());
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
