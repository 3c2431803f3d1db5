package org.capsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.capsim.report.FirstDifference;
import org.capsim.report.Provenance;
import org.capsim.report.ReportFolder;
import org.capsim.report.ReportFormatException;
import org.capsim.report.SummaryJson;
import org.capsim.scenario.ScenarioDigest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capsim reproduce DIR}: runs a report again from its own files and compares the outputs byte for byte. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run a report again and check that it comes out byte for byte the same.",
            "",
            "Runs it from its scenario.yaml and the options its summary.json records (seed,",
            "policies, --set values), with the traces it read (found by their recorded",
            "hashes beside the scenario it was run from, in DIR, or in --trace-dir), then",
            "compares summary.json (less its provenance block), jobs.csv and sites.csv with",
            "the report's, byte for byte. Any --threads and any JDK 17+ give the same bytes."},
        footer = {"", "Examples:",
            "  capsim reproduce reports/stargate-2025",
            "  capsim reproduce reports/philly-replay --trace-dir scenarios/traces",
            "  capsim reproduce reports/stargate-2025 --replications 2",
            "", "Exit status: 0 reproduced, 1 a file differs (the first difference is printed),",
            "2 it cannot run (not a report, a trace missing or changed, a newer report format)."})
final class ReproduceCommand implements Callable<Integer> {

    private static final int DIFFERS = 1;

    @Parameters(index = "0", paramLabel = "DIR", description = "A report folder written by capsim run or compare "
            + "(a sweep's point-NN folder for a sweep).")
    Path dir;

    @Option(names = "--replications", paramLabel = "N",
            description = "Run only the first N replications and compare their rows (summary.json only when N is all).")
    Integer replications;

    @Option(names = "--trace-dir", paramLabel = "DIR", description = "A folder holding the traces and data files the report read.")
    Path traceDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        for (String file : List.of("summary.json", "scenario.yaml", "jobs.csv", "sites.csv")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new BadInputException(dir + ": not a report folder of one run: " + file + " is missing" + kindHint());
            }
        }
        SummaryJson.Report report;
        try {
            report = SummaryJson.read(dir.resolve("summary.json")).report();
        } catch (ReportFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        Provenance provenance = report.provenance();
        if (provenance == null) {
            throw new BadInputException(dir + ": summary.json has no provenance block (written before capsim recorded "
                    + "how a report was made): nothing to run again");
        }
        if (provenance.reportFormat() > Provenance.FORMAT) {
            throw new BadInputException(dir + ": a newer report format (" + provenance.reportFormat() + ", by capsim "
                    + provenance.capsim() + "); this capsim reads format " + Provenance.FORMAT + ": use a newer capsim");
        }
        if (!ScenarioDigest.sha256(dir.resolve("scenario.yaml")).equals(provenance.scenarioSha256())) {
            throw new BadInputException(dir.resolve("scenario.yaml") + ": hash mismatch: changed since the run (sha256 "
                    + provenance.scenarioSha256() + " recorded)");
        }
        if (replications != null && (replications < 1 || replications > report.replications())) {
            throw new BadInputException("--replications: from 1 to " + report.replications() + ", the report's replications");
        }
        RecordedRun recorded = new RecordedRun(provenance);
        if (!List.of("run", "compare").contains(recorded.command())) {
            throw new BadInputException(dir + ": made by '" + provenance.command() + "', not capsim run or compare");
        }
        Path work = Files.createTempDirectory("capsim-reproduce");
        try {
            return reproduce(recorded, report, work, out, started);
        } finally {
            ReportFolder.deleteTree(work);
        }
    }

    private int reproduce(RecordedRun recorded, SummaryJson.Report report, Path work, PrintWriter out, long started)
            throws IOException {
        Path scenarioDir = work.resolve("scenario");
        for (int i = 0; i < recorded.depth(); i++) {
            scenarioDir = scenarioDir.resolve("in"); // room for inputs named ../x.csv
        }
        Files.createDirectories(scenarioDir);
        Path scenario = scenarioDir.resolve("scenario.yaml");
        Files.copy(dir.resolve("scenario.yaml"), scenario);
        List<String> problems = recorded.placeInputs(scenarioDir, dir, traceDir);
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        int rerun = replications == null ? report.replications() : replications;
        Path again = work.resolve("again");
        List<String> args = recorded.again(scenario, again, report.overrides(),
                replications == null || replications == report.replications() ? null : replications);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream captured = new PrintStream(messages, true, StandardCharsets.UTF_8);
        int status = Main.run(args.toArray(String[]::new), captured, captured);
        if (status != Main.OK) {
            List<String> lines = new ArrayList<>(List.of("cannot run the report again (capsim " + String.join(" ", args)
                    + "):"));
            lines.addAll(messages.toString(StandardCharsets.UTF_8).lines().toList());
            throw new BadInputException(lines);
        }
        Path result = again; // a sweep point's values, given one each, make a plain run
        Optional<String> difference = rerun == report.replications()
                ? FirstDifference.ofSummaries(dir.resolve("summary.json"), result.resolve("summary.json"))
                : Optional.empty();
        for (String file : List.of("jobs.csv", "sites.csv")) {
            if (difference.isEmpty()) {
                difference = FirstDifference.ofRows(dir.resolve(file), result.resolve(file), rerun);
            }
        }
        if (difference.isPresent()) {
            out.println("differs: " + difference.get());
            return DIFFERS;
        }
        out.printf(java.util.Locale.ROOT, "reproduced: %s byte-identical (%d of %d replications, %.1f s)%n",
                rerun == report.replications() ? "summary.json, jobs.csv and sites.csv" : "their rows in jobs.csv and sites.csv",
                rerun, report.replications(), (System.nanoTime() - started) / 1e9);
        return Main.OK;
    }

    /** What the folder is when it holds another study's report, and which folder in it to name. */
    private String kindHint() {
        if (Files.isRegularFile(dir.resolve("sweep.csv"))) {
            return " (a sweep: name one of its point-NN folders)";
        }
        if (Files.isDirectory(dir.resolve("arms"))) {
            return " (a comparison of scenarios: name one of its arms/NAME folders)";
        }
        if (Files.isRegularFile(dir.resolve("sensitivity.csv")) || Files.isRegularFile(dir.resolve("morris.csv"))) {
            return " (a sensitivity study, which keeps no run's rows: rerun its capsim sensitivity command)";
        }
        return "";
    }
}
