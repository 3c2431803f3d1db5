package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planner's policy, compiled here outside the project against capsim's API and packed in a
 * jar, is found by name with --classpath and changes routing; broken policies stop the run with
 * an error naming them.
 */
class ExternalPolicyTest {

    private static final String PRICIEST = """
            package com.example;

            import org.capsim.policy.*;

            /** Sends every job to the most expensive pool that can ever run it. */
            public class Priciest implements RoutingPolicy {
                public String name() { return "priciest"; }
                public String description() { return "the most expensive pool (a test policy)"; }
                public Decision route(JobRequest job, FleetView fleet) {
                    PoolView best = null;
                    for (PoolView pool : fleet.pools()) {
                        if (fleet.canEverRun(job, pool) && (best == null || pool.pricePerGpuHour() > best.pricePerGpuHour())) {
                            best = pool;
                        }
                    }
                    return best == null ? Decision.reject("nothing fits") : Decision.place(best);
                }
            }
            """;

    private static final String BROKEN = """
            package com.example;

            import org.capsim.policy.*;

            public class Broken implements RoutingPolicy {
                public String name() { return "broken"; }
                public Decision route(JobRequest job, FleetView fleet) {
                    throw new IllegalStateException("boom on " + job.id());
                }
            }
            """;

    private static final String GREEDY = """
            package com.example;

            import org.capsim.policy.*;

            /** Always the first pool, even when the job can never fit there. */
            public class Greedy implements RoutingPolicy {
                public String name() { return "greedy"; }
                public Decision route(JobRequest job, FleetView fleet) {
                    return Decision.place(fleet.pools().get(0));
                }
            }
            """;

    /** Flips an unseeded coin between the pools that can run the job: not deterministic, as --verify must catch. */
    private static final String COIN = """
            package com.example;

            import java.util.concurrent.ThreadLocalRandom;
            import org.capsim.policy.*;

            public class Coin implements RoutingPolicy {
                public String name() { return "coin"; }
                public Decision route(JobRequest job, FleetView fleet) {
                    java.util.List<PoolView> fit = new java.util.ArrayList<>();
                    for (PoolView pool : fleet.pools()) {
                        if (fleet.canEverRun(job, pool)) {
                            fit.add(pool);
                        }
                    }
                    return fit.isEmpty() ? Decision.reject("nothing fits")
                            : Decision.place(fit.get(ThreadLocalRandom.current().nextInt(fit.size())));
                }
            }
            """;

    private static final String SCENARIO = """
            name: external
            start: 2025-01-01
            horizon: 2025-02-28
            seed: 3
            replications: 2
            gpu-types:
              H100: { peak-tflops: 989 }
            providers:
              cheap: { price-per-gpu-hour: 1.5 }
              pricey: { price-per-gpu-hour: 9.0 }
            sites:
              - { id: small-cheap, provider: cheap, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 64 } ] }
              - { id: big-pricey, provider: pricey, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 512 } ] }
            demand:
              - { class: work, kind: sized, arrivals-per-day: 20, gpus: { choice: { 8: 0.7, 128: 0.3 } }, hours: 6 }
            routing:
              policy: %s
            """;

    @TempDir
    static Path work;

    static Path jar;
    static Path fqcnOnlyJar;

    @BeforeAll
    static void compilePoliciesOutsideTheProject() throws IOException {
        Path src = work.resolve("src/com/example");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Priciest.java"), PRICIEST);
        Files.writeString(src.resolve("Broken.java"), BROKEN);
        Files.writeString(src.resolve("Greedy.java"), GREEDY);
        Files.writeString(src.resolve("Coin.java"), COIN);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"),
                src.resolve("Priciest.java").toString(), src.resolve("Broken.java").toString(),
                src.resolve("Greedy.java").toString(), src.resolve("Coin.java").toString());
        assertEquals(0, status, "the test policies should compile against capsim's API");
        jar = work.resolve("my-policies.jar");
        pack(jar, classes, "com.example.Priciest\ncom.example.Broken\ncom.example.Greedy\ncom.example.Coin\n");
        fqcnOnlyJar = work.resolve("no-services.jar");
        pack(fqcnOnlyJar, classes, null);
    }

    private static void pack(Path target, Path classes, String services) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/org.capsim.policy.RoutingPolicy"));
                out.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static Map<String, Integer> jobsBySite(Path report) throws IOException {
        Map<String, Integer> count = new HashMap<>();
        List<String> lines = Files.readAllLines(report.resolve("jobs.csv"));
        for (String line : lines.subList(1, lines.size())) {
            count.merge(line.split(",")[5], 1, Integer::sum);
        }
        return count;
    }

    @Test
    void policiesListsThePlannersPolicyWithTheBuiltIns() {
        Cli cli = Cli.run("policies", "--classpath", jar.toString());
        assertEquals(0, cli.exit(), cli.all());
        for (String name : List.of("exclusive", "rofr", "earliest-start", "cheapest", "lowest-carbon", "priciest", "broken", "greedy")) {
            assertTrue(cli.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing from:\n" + cli.out());
        }
        assertTrue(cli.out().contains("com.example.Priciest"), cli.out());
        Cli builtIns = Cli.run("policies");
        assertFalse(builtIns.out().contains("priciest"), builtIns.out());
    }

    /** Every policy is listed with the description it gives itself; one that gives none is told where it goes. */
    @Test
    void policiesShowsEachPolicysOwnDescription() {
        Cli cli = Cli.run("policies", "--classpath", jar.toString());
        assertEquals(0, cli.exit(), cli.all());
        List<String> lines = cli.out().lines().map(line -> line.replaceAll("  +", "  ")).toList();
        assertTrue(lines.contains("priciest  the most expensive pool (a test policy)"), cli.out());
        assertTrue(lines.contains("greedy  " + PoliciesCommand.NO_DESCRIPTION), cli.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("rofr  offer each job to the holder first")), cli.out());
        Cli builtIns = Cli.run("policies");
        assertEquals(7, builtIns.out().lines().count(), builtIns.out());
        assertTrue(builtIns.out().lines().reduce((a, b) -> b).orElseThrow().matches("deal +\\(reserved, not a policy\\).*"),
                "the reserved word is listed last:\n" + builtIns.out());
        assertFalse(builtIns.out().contains(PoliciesCommand.NO_DESCRIPTION), "every built-in describes itself:\n" + builtIns.out());
    }

    /** A class on --classpath without a services file is described when named in full. */
    @Test
    void policiesDescribesAClassNamedInFull() {
        Cli cli = Cli.run("policies", "--classpath", fqcnOnlyJar.toString(), "com.example.Priciest");
        assertEquals(0, cli.exit(), cli.all());
        List<String> lines = cli.out().lines().toList();
        assertEquals("priciest  the most expensive pool (a test policy)", lines.get(0), cli.out());
        assertTrue(lines.get(1).contains("(com.example.Priciest from ") && lines.get(1).contains("no-services.jar"), cli.out());
        assertEquals(2, lines.size(), cli.out());
        Cli missing = Cli.run("policies", "com.example.Priciest");
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().contains("policy class 'com.example.Priciest' not found on the class path"), missing.err());
    }

    @Test
    void thePlannersPolicyChangesRouting() throws IOException {
        Path scenario = TestScenarios.write(work, "external.yaml", SCENARIO.formatted("earliest-start"));
        Path baseline = work.resolve("baseline");
        Path custom = work.resolve("custom");
        Cli earliest = Cli.run("run", scenario.toString(), "--out", baseline.toString(), "--quiet");
        assertEquals(0, earliest.exit(), earliest.all());
        Cli priciest = Cli.run("run", scenario.toString(), "--classpath", jar.toString(), "--policy", "priciest",
                "--out", custom.toString(), "--quiet");
        assertEquals(0, priciest.exit(), priciest.all());
        Map<String, Integer> before = jobsBySite(baseline);
        Map<String, Integer> after = jobsBySite(custom);
        assertTrue(before.getOrDefault("small-cheap", 0) > 100, "earliest-start uses the cheap site: " + before);
        assertEquals(null, after.get("small-cheap"), "priciest never uses the cheap site: " + after);
        assertTrue(Files.readString(custom.resolve("summary.json")).contains("\"policy\" : \"priciest\""));
    }

    /** --verify runs replication 1 twice: a deterministic policy passes, one with an unseeded coin is named. */
    @Test
    void verifyCatchesAPolicyThatIsNotDeterministic() {
        Path scenario = TestScenarios.write(work, "verify.yaml", SCENARIO.formatted("priciest"));
        Cli ok = Cli.run("run", scenario.toString(), "--classpath", jar.toString(), "--verify", "--no-charts",
                "--out", work.resolve("verified").toString());
        assertEquals(0, ok.exit(), ok.all());
        assertTrue(ok.err().contains("verify: replication 1 of priciest ran twice: the same"), ok.err());

        Path out = work.resolve("coin-report");
        Cli coin = Cli.run("run", scenario.toString(), "--classpath", jar.toString(), "--policy", "coin", "--verify",
                "--out", out.toString());
        assertEquals(2, coin.exit(), coin.all());
        assertTrue(coin.err().contains("--verify: replication 1 of coin ran twice with different event sequences"), coin.err());
        assertTrue(coin.err().contains("the policy coin is not deterministic"), coin.err());
        assertTrue(coin.clean(), coin.all());
        assertFalse(Files.exists(out), "nothing written when the check fails");
    }

    @Test
    void fullyQualifiedNameWorksWithoutServiceFile() {
        Path scenario = TestScenarios.write(work, "fqcn.yaml", SCENARIO.formatted("com.example.Priciest"));
        Cli cli = Cli.run("run", scenario.toString(), "--classpath", fqcnOnlyJar.toString(),
                "--out", work.resolve("fqcn").toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.all());
        Cli missing = Cli.run("validate", scenario.toString());
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().contains("policy class 'com.example.Priciest' not found on the class path"), missing.err());
    }

    @Test
    void aThrowingPolicyStopsTheRunNamingIt() {
        Path scenario = TestScenarios.write(work, "broken.yaml", SCENARIO.formatted("broken"));
        Path out = work.resolve("broken-report");
        Cli cli = Cli.run("run", scenario.toString(), "--classpath", jar.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("routing policy 'broken' failed while routing job work-1"), cli.err());
        assertTrue(cli.err().contains("boom on work-1"), cli.err());
        assertTrue(cli.clean(), cli.err());
        assertFalse(Files.exists(out), "no report after a failed run");
    }

    @Test
    void anImpossiblePlacementStopsTheRunNamingThePolicy() {
        Path scenario = TestScenarios.write(work, "greedy.yaml", SCENARIO.formatted("greedy"));
        Path parent = work.resolve("greedy");
        Cli cli = Cli.run("run", scenario.toString(), "--classpath", jar.toString(), "--replications", "12",
                "--threads", "3", "--out", parent.resolve("report").toString(), "--quiet");
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("routing policy 'greedy' placed job"), cli.err());
        assertTrue(cli.err().contains("in small-cheap/H100, which will never have more than 64 GPUs"), cli.err());
        // The failure stops the other replications before the error comes back: none still
        // runs, and nothing of the half-written report is left behind (or re-created later).
        assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("capsim-replication-")).toList());
        assertEquals(List.of(), listing(parent));
    }

    private static List<String> listing(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> !path.equals(dir)).map(Path::toString).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void missingClasspathEntryIsBadInput() {
        Cli cli = Cli.run("policies", "--classpath", work.resolve("nope.jar").toString());
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("nope.jar: not found"), cli.err());
    }
}
