package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bugs the adversarial bad-input corpus found; each must stay fixed. */
class BadInputRegressionTest {

    private static final String ROFR = """
            name: regress
            start: 2025-01-01
            horizon: 2025-01-03
            gpu-types:
              H100: { peak-tflops: 989 }
            providers:
              lab: { price-per-gpu-hour: 2 }
            sites:
              - { id: s, provider: lab, build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 64 } ] }
            demand:
              - { class: work, kind: sized, arrivals-per-day: 10, gpus: 8, hours: 2 }
            routing:
              policy: rofr
              rofr: { holder: lab }
            """;

    @TempDir
    Path dir;

    private Cli validate(String yaml) {
        return Cli.run("validate", TestScenarios.write(dir, "s.yaml", yaml).toString());
    }

    private static List<String> problems(Cli cli) {
        return cli.err().lines().filter(l -> !l.matches("\\d+ problems? in .*")).toList();
    }

    @Test
    void anErrorInTheHoldersOnlySiteIsNotAlsoAMissingHolder() {
        Cli cli = validate(ROFR.replace("peak-tflops: 989", "peak-tflops: 0"));
        assertEquals(2, cli.exit(), cli.all());
        assertEquals(List.of(dir.resolve("s.yaml") + ":5:24: gpu-types.H100.peak-tflops: must be more than 0, got 0"),
                problems(cli));
        Cli badSite = validate(ROFR.replace("gpus: 64", "gpus: -64"));
        assertEquals(1, problems(badSite).size(), badSite.err());
    }

    @Test
    void anUnusableGpuTypesBlockIsReportedOnce() {
        for (String bad : List.of("gpu-types: {}\n", "gpu-types: [H100]\n", "gpu-types:\n")) {
            Cli cli = validate(ROFR.replace("gpu-types:\n  H100: { peak-tflops: 989 }\n", bad));
            assertEquals(1, problems(cli).size(), bad + " ->\n" + cli.err());
            assertTrue(problems(cli).get(0).contains("gpu-types"), cli.err());
        }
    }

    @Test
    void aMissingTraceIsReportedAtItsKey() {
        String yaml = ROFR.replace("  - { class: work, kind: sized, arrivals-per-day: 10, gpus: 8, hours: 2 }",
                "  - { class: replay, kind: trace, file: missing.csv }");
        Cli cli = validate(yaml);
        assertEquals(List.of(dir.resolve("s.yaml") + ":11:41: demand[0].file: trace file not found: "
                + dir.resolve("missing.csv")), problems(cli));
        Cli data = validate(ROFR.replace("gpus: 8,", "gpus: { empirical: { file: no.csv, column: g } },"));
        assertTrue(data.err().contains("demand[0].gpus.empirical.file: data file not found"), data.err());
    }

    @Test
    void deepNestingIsBadInputNotACrash() {
        // the root mapping is level 1, so level 65 is the 64th bracket: column 6 + 64, or 7 + 63 * 4
        Map<String, Integer> cases = Map.of("name: " + "[".repeat(5000) + "\n", 70,
                "name: " + "{a: ".repeat(3000) + "1" + "}".repeat(3000) + "\n", 259);
        cases.forEach((deep, column) -> {
            Cli cli = validate(deep);
            assertEquals(2, cli.exit(), cli.all());
            assertTrue(cli.err().contains("s.yaml:1:" + column + ": the YAML is nested more than 64 levels deep here"), cli.err());
            assertTrue(cli.clean(), cli.all());
        });
    }

    @Test
    void absurdRunSizesAreRefusedBeforeRunning() {
        Path file = TestScenarios.write(dir, "s.yaml", ROFR);
        Cli samples = Cli.run("run", file.toString(), "--sample-hours", "1e-9", "--out", dir.resolve("o").toString());
        assertEquals(2, samples.exit(), samples.all());
        assertTrue(samples.err().contains("--sample-hours: 1.00e-09 would write 7.20e+10 rows per pool and replication; the limit is 1000000"),
                samples.err());
        Cli yaml = validate(ROFR + "sample-hours: 0.000000001\n");
        assertTrue(yaml.err().contains("sample-hours: would write"), yaml.err());
        Cli replications = Cli.run("run", file.toString(), "--replications", "2000000000");
        assertEquals(2, replications.exit(), replications.all());
        assertTrue(replications.err().contains("--replications: must be at most 100000, got 2000000000"), replications.err());
        Cli text = Cli.run("run", file.toString(), "--replications", "many");
        assertTrue(text.err().contains("'many' is not a whole number"), text.err());
        assertTrue(!Files.exists(dir.resolve("o")));
    }

    @Test
    void outMessagesAreReadable() {
        Path file = TestScenarios.write(dir, "s.yaml", ROFR);
        Cli onFile = Cli.run("run", file.toString(), "--out", file.toString());
        assertEquals(2, onFile.exit(), onFile.all());
        assertEquals(List.of("--out: " + file + " is a file, not a folder"), onFile.err().lines().toList());
        Cli under = Cli.run("run", file.toString(), "--out", file.resolve("sub").toString(), "--quiet");
        assertEquals(2, under.exit(), under.all());
        assertTrue(under.err().contains("is a file, not a folder") || under.err().contains("is not a folder"), under.err());
        Cli blank = Cli.run("run", file.toString(), "--out", "");
        assertEquals(List.of("--out: the folder name is empty"), blank.err().lines().toList());
        Cli current = Cli.run("run", file.toString(), "--out", dir.toString());
        assertEquals(2, current.exit(), current.all());
        assertTrue(current.err().contains("already holds files capsim did not write (s.yaml)"), current.err());
    }

    @Test
    void encodingsAreNamed() throws Exception {
        Path utf32 = dir.resolve("utf32.yaml");
        Files.write(utf32, ("\uFEFF" + ROFR).getBytes(Charset.forName("UTF-32")));
        assertTrue(Cli.run("validate", utf32.toString()).err().contains("encoded in UTF-32"));
        Path utf16le = dir.resolve("utf16le.yaml");
        Files.write(utf16le, ROFR.getBytes(StandardCharsets.UTF_16LE));
        Cli cli = Cli.run("validate", utf16le.toString());
        assertTrue(cli.err().contains("encoded in UTF-16; save it as UTF-8"), cli.err());
    }

    @Test
    void anUnclosedQuoteInATraceIsSaidInPlainWords() {
        TestScenarios.write(dir, "t.csv", "id,submit_time_s,num_gpus,duration_s\n1,0,4,100\n\"2,10,4,100\n");
        Cli cli = validate(ROFR.replace("  - { class: work, kind: sized, arrivals-per-day: 10, gpus: 8, hours: 2 }",
                "  - { class: replay, kind: trace, file: t.csv }"));
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("t.csv:3: demand[0].file: cannot read the CSV from here on: a quoted field is never closed"),
                cli.err());
    }
}
