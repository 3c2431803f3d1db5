package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives clear, located messages and exit status 2, never a stack trace. */
class BadInputTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            name: small
            start: 2025-01-01
            horizon: 2025-01-10
            gpu-types:
              H100: { peak-tflops: 989, kw-per-gpu: 1.5 }
            providers:
              lab: { price-per-gpu-hour: 2 }
            sites:
              - id: s
                provider: lab
                build-out:
                  - { date: 2025-01-01, gpu-type: H100, gpus: 64 }
            demand:
              - class: work
                kind: sized
                arrivals-per-day: 10
                gpus: 8
                hours: 2
            """;

    private Cli validate(String name, String text) {
        Path file = TestScenarios.write(dir, name, text);
        return Cli.run("validate", file.toString());
    }

    private static void assertOneClearMessage(Cli cli, String fragment) {
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.clean(), "leaked internals:\n" + cli.all());
        assertTrue(cli.err().contains(fragment), "expected '" + fragment + "' in:\n" + cli.err());
        long lines = cli.err().lines().filter(l -> !l.startsWith("1 problem")).count();
        assertEquals(1, lines, "one message expected:\n" + cli.err());
    }

    @Test
    void validScenarioPasses() {
        Cli cli = validate("ok.yaml", VALID);
        assertEquals(0, cli.exit(), cli.all());
        assertTrue(cli.out().contains("ok"), cli.out());
    }

    @Test
    void threeMistakesGiveThreeLocatedMessages() {
        String bad = VALID.replace("gpu-type: H100, gpus: 64", "gpu-type: H200x, gpus: 64")   // line 12
                .replace("peak-tflops: 989", "peak-tflops: -5")                                  // line 5
                .replace("    gpus: 8\n", "    gpus: 8\n    colour: blue\n");                    // line 18
        Cli cli = validate("three.yaml", bad);
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.clean(), cli.all());
        List<String> lines = cli.err().lines().toList();
        assertEquals(4, lines.size(), cli.err()); // three problems and the count
        String file = dir.resolve("three.yaml").toString();
        assertTrue(lines.contains(file + ":5:24: gpu-types.H100.peak-tflops: must be more than 0, got -5"), cli.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(file + ":12:") && l.contains("sites[0].build-out[0].gpu-type")
                && l.contains("unknown GPU type 'H200x'; known: H100")), cli.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(file + ":18:5: demand[0].colour")
                && l.contains("unknown key")), cli.err());
        assertTrue(lines.get(3).startsWith("3 problems in"), cli.err());
    }

    @Test
    void missingFile() {
        Cli cli = Cli.run("validate", dir.resolve("nope.yaml").toString());
        assertOneClearMessage(cli, "nope.yaml: file not found");
    }

    @Test
    void directory() {
        assertOneClearMessage(Cli.run("validate", dir.toString()), "is a folder, not a scenario file");
    }

    @Test
    void emptyFile() {
        assertOneClearMessage(validate("empty.yaml", ""), "the file is empty");
        assertOneClearMessage(validate("comments.yaml", "# only a comment\n\n"), "the file is empty");
    }

    @Test
    void notYaml() {
        assertOneClearMessage(validate("prose.yaml", "This is a memo about GPUs, not a scenario.\n"),
                "this is not a capsim scenario");
        assertOneClearMessage(validate("broken.yaml", "name: x\n  start: [unclosed\n"), "YAML syntax error");
    }

    @Test
    void binaryFile() throws Exception {
        Path file = dir.resolve("image.yaml");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertOneClearMessage(Cli.run("validate", file.toString()), "binary data");
    }

    @Test
    void yamlList() {
        assertOneClearMessage(validate("list.yaml", "- name: a\n- name: b\n"), "the top level is a list");
    }

    /** The valid scenario with its demand replaced by a replay of {@code trace.csv} mapped by {@code columns}. */
    private static String replaying(String columns) {
        return VALID.substring(0, VALID.indexOf("demand:")) + """
                demand:
                  - class: replay
                    kind: trace
                    file: trace.csv
                    columns: %s
                """.formatted(columns);
    }

    @Test
    void traceWithABadRow() {
        TestScenarios.write(dir, "trace.csv", "id,submit,gpus,duration\n1,0,4,100\n2,10,four,100\n3,20,2,50\n");
        Cli cli = validate("traced.yaml", replaying("{ submit: submit, gpus: gpus, duration: duration, id: id }"));
        assertOneClearMessage(cli, "trace.csv:3: demand[0].columns.gpus: column 'gpus' is 'four'");
    }

    @Test
    void traceWithMissingColumn() {
        TestScenarios.write(dir, "trace.csv", "id,submit,gpus\n1,0,4\n");
        assertOneClearMessage(validate("traced.yaml", replaying("{ submit: submit, gpus: gpus, duration: duration_s }")),
                "the header has no column 'duration_s'");
    }

    @Test
    void aFailuresBlockWithoutItsCheckpointIsOneClearMessage() {
        Cli cli = validate("failures.yaml", VALID + "failures: { gpu-mtbf-hours: 50000, restart-hours: 0.5 }\n");
        assertOneClearMessage(cli, "failures: missing required key 'checkpoint-hours'");
    }

    @Test
    void badArgumentsExitTwo() {
        Cli unknownOption = Cli.run("run", "--colour", "x.yaml");
        assertEquals(2, unknownOption.exit(), unknownOption.all());
        assertTrue(unknownOption.clean(), unknownOption.all());
        Cli noCommand = Cli.run();
        assertEquals(2, noCommand.exit(), noCommand.all());
        Path file = TestScenarios.write(dir, "ok.yaml", VALID);
        Cli badPolicy = Cli.run("run", file.toString(), "--policy", "nonsense", "--out", dir.resolve("r").toString());
        assertEquals(2, badPolicy.exit(), badPolicy.all());
        assertTrue(badPolicy.err().contains("--policy: unknown policy 'nonsense'; known: exclusive, rofr, earliest-start, cheapest"),
                badPolicy.err());
        assertTrue(!Files.exists(dir.resolve("r")), "nothing written on bad input");
        Cli zero = Cli.run("run", file.toString(), "--replications", "0");
        assertEquals(2, zero.exit(), zero.all());
    }

    @Test
    void helpOnEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"run", "--help"},
                new String[] {"validate", "--help"}, new String[] {"policies", "--help"})) {
            Cli cli = Cli.run(args);
            assertEquals(0, cli.exit(), String.join(" ", args));
            assertTrue(cli.out().contains("Usage:"), cli.out());
        }
    }

    @Test
    void utf16FileIsNamed() throws Exception {
        Path file = dir.resolve("utf16.yaml");
        Files.write(file, ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_16));
        assertOneClearMessage(Cli.run("validate", file.toString()), "UTF-16");
    }
}
