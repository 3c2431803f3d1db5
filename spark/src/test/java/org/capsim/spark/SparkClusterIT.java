package org.capsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import java.util.stream.Stream;

import org.capsim.cli.Main;
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
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port);
        Path work1 = Files.createDirectories(tmp.resolve("work-1"));
        Path work2 = Files.createDirectories(tmp.resolve("work-2"));
        Process worker1 = start("worker-1", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work1.toString(), master);
        start("worker-2", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory",
                "1g", "--webui-port", "0", "--work-dir", work2.toString(), master);
        // executors are started by the workers from this class path
        System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));

        Path cluster = tmp.resolve("cluster");
        assertEquals(0, capsim("--spark", master, "--out", cluster.toString()));
        assertSameFiles(threads, cluster);

        Path killed = tmp.resolve("killed");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> capsim("--spark", master, "--out",
                killed.toString()));
        awaitExecutorOfSecondApp(work1);
        new ProcessBuilder("kill", "-9", String.valueOf(worker1.pid())).inheritIO().start().waitFor();
        assertEquals(0, run.get());
        assertTrue(!worker1.isAlive(), "the worker was killed");
        assertSameFiles(threads, killed);
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("capsim.spark.jvm", "").split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
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
        String[] args = Stream.concat(STUDY.stream(), Stream.of(more)).toArray(String[]::new);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            System.err.println(err.toString(StandardCharsets.UTF_8));
        }
        return status;
    }

    /** Worker 1 has started an executor for the second application: the run is under way. */
    private static void awaitExecutorOfSecondApp(Path work) throws InterruptedException, IOException {
        for (int i = 0; i < 1200; i++) {
            try (Stream<Path> apps = Files.list(work)) {
                if (apps.filter(Files::isDirectory).count() >= 2) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("worker 1 started no executor for the second run in a minute");
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
                assertEquals(comparable(expected.resolve(file)), comparable(actual.resolve(file)), file.toString());
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    /** A report file as byte-identity judges it: summary.json without its provenance block. */
    private static String comparable(Path file) throws IOException {
        String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1); // byte for byte
        return file.getFileName().toString().equals("summary.json") ? org.capsim.report.Provenance.strip(text) : text;
    }
}
