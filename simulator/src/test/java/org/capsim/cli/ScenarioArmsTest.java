package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.capsim.report.Provenance;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim compare A.yaml B.yaml}: scenario files as arms on common random numbers (SPEC 6.4). */
class ScenarioArmsTest {

    /** An M/M/8 queue; the arms below change its name, fleet or class kind. */
    private static final String SMALL = SensitivityTest.SCENARIO.replace("name: sens-check", "name: small-fleet");

    @TempDir
    Path dir;

    private Path write(String name, String text) {
        return TestScenarios.write(dir, name, text);
    }

    /**
     * Law: classes of the same name draw the same jobs in both files, so what only the jobs decide
     * (how many arrived) differs by exactly 0, while the larger fleet's shorter wait is a paired
     * difference whose interval excludes 0.
     */
    @Test
    void twoFilesAreArmsOnTheSameJobsWithPairedDifferences() throws IOException {
        Path a = write("a.yaml", SMALL);
        Path b = write("b.yaml", SMALL.replace("name: small-fleet", "name: large-fleet").replace("gpus: 8", "gpus: 10"));
        Path out = dir.resolve("cmp");
        Cli cli = Cli.run("compare", a.toString(), b.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, cli.exit(), cli.all());
        assertTrue(cli.out().contains("Δ vs small-fleet"), cli.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("small-fleet", summary.get("policies").get(0).get("policy").asText());
        assertEquals("large-fleet", summary.get("policies").get(1).get("policy").asText());
        JsonNode against = summary.get("comparison").get("policies").get(0);
        assertEquals("large-fleet", against.get("policy").asText());
        assertEquals(0.0, against.get("metrics").get("jobs_arrived").get("mean").asDouble(), "the same jobs");
        assertEquals(0.0, against.get("metrics").get("jobs_arrived").get("ci95").asDouble());
        JsonNode wait = against.get("metrics").get("wait_h_mean");
        assertTrue(wait.get("mean").asDouble() < 0 && wait.get("excludes_zero").asBoolean(), wait.toString());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("id=\"chart-differences\""), "the differences chart");
        assertFalse(html.contains("href=\"jobs.csv\""), "no link to a file that is not there");

        // each arm's own report is the report of its scenario run alone on the comparison's seed
        Path alone = dir.resolve("alone");
        long seed = summary.get("seed").asLong();
        Cli run = Cli.run("run", b.toString(), "--seed", String.valueOf(seed), "--replications",
                summary.get("replications").asText(), "--no-charts", "--out", alone.toString());
        assertEquals(0, run.exit(), run.all());
        Path arm = out.resolve("arms/large-fleet");
        for (String name : new String[] {"jobs.csv", "sites.csv", "scenario.yaml", "summary.json"}) {
            assertEquals(Provenance.comparable(alone.resolve(name)), Provenance.comparable(arm.resolve(name)), name);
        }
        assertTrue(Files.readString(arm.resolve("summary.json")).contains("--seed " + seed),
                "its provenance records the run that makes it alone");

        // the same comparison again to the same folder replaces it, arms and all
        String before = Provenance.comparable(arm.resolve("jobs.csv"));
        Cli again = Cli.run("compare", a.toString(), b.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, again.exit(), again.all());
        assertEquals(before, Provenance.comparable(arm.resolve("jobs.csv")));

        // an arm's report reproduces on its own; the comparison's folder says to name an arm
        Cli reproduced = Cli.run("reproduce", arm.toString());
        assertEquals(0, reproduced.exit(), reproduced.all());
        Cli folder = Cli.run("reproduce", out.toString());
        assertEquals(2, folder.exit(), folder.all());
        assertTrue(folder.err().contains("(a comparison of scenarios: name one of its arms/NAME folders)"), folder.err());
    }

    @Test
    void aClassOfTheSameNameButAnotherKindMakesTheArmsIncomparable() {
        Path a = write("a.yaml", SMALL);
        Path b = write("b.yaml", SMALL.replace("name: small-fleet", "name: other").replace(
                "{ class: jobs, kind: sized, arrivals-per-hour: 6.4, gpus: 1, hours: { exponential: { mean: 1.0 } } }",
                "{ class: jobs, kind: scaling-law, arrivals-per-day: 1, median-flops: 1.0e+20, flops-sigma: 0.5, "
                        + "mfu: 0.4, target-days: 1, max-gpus: 8 }"));
        Path out = dir.resolve("never");
        Cli cli = Cli.run("compare", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("demand class 'jobs' is scaling-law here but sized in " + a), cli.err());
        assertTrue(cli.err().contains("the arms are not comparable"), cli.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void severalFilesTakeNoPoliciesAndOneFileNeedsThem() {
        Path a = write("a.yaml", SMALL);
        Path b = write("b.yaml", SMALL.replace("name: small-fleet", "name: b"));
        Cli both = Cli.run("compare", a.toString(), b.toString(), "--policies", "exclusive,rofr", "--out",
                dir.resolve("x").toString());
        assertEquals(2, both.exit(), both.all());
        assertTrue(both.err().contains("--policies: compare either one scenario"), both.err());
        Cli one = Cli.run("compare", a.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, one.exit(), one.all());
        assertTrue(one.err().contains("--policies: give two or more policies"), one.err());
        Cli twice = Cli.run("compare", a.toString(), a.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, twice.exit(), twice.all());
        assertTrue(twice.err().contains("is given twice"), twice.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
