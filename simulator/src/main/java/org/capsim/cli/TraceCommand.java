package org.capsim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.capsim.report.ReportFolder;
import org.capsim.report.TraceReport;
import org.capsim.trace.TraceFormat;
import org.capsim.trace.TraceProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim trace FILE}: describes a job trace without simulating (SPEC 6.5). */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Describe a job trace without simulating.",
            "",
            "Gives its jobs, time span, GPU-hours, sizes, arrivals per week, and the rows",
            "that a replay skips and why (no GPUs, no positive run time, job steps such as",
            "123.batch). Prints the figures and writes a small page (index.html) with two",
            "charts: arrivals per week and job sizes (charts/*.png, *.svg). Every row that",
            "cannot be read is reported with its line, and nothing is written.",
            "",
            "Formats (--format; see SPEC 6.5 and scenarios/README.md):",
            "  csv     capsim's CSV: submit_time_s, num_gpus, duration_s[, job_id]",
            "  swf     Standard Workload Format (Parallel Workloads Archive)",
            "  slurm   sacct --parsable2: JobID, Submit, Elapsed or Start/End, AllocTRES",
            "  helios  Helios cluster_log.csv (job_id, gpu_num, submit_time, duration)",
            "  acme    Acme trace_seren.csv / trace_kalos.csv (the same columns, zoned times)",
            "  philly  Philly's raw cluster_job_log JSON",
            "Without --format it is guessed from the name: .swf, .sacct or .slurm, .json;",
            "a .csv is helios when its header has job_id, gpu_num and submit_time, else csv."},
        footer = {"", "Examples:",
            "  capsim trace cluster.swf",
            "  sacct --allusers --parsable2 --starttime 2024-01-01 \\",
            "    --format=JobID,Submit,Start,End,Elapsed,AllocTRES,State > jobs.sacct",
            "  capsim trace jobs.sacct --out reports/our-cluster",
            "  capsim trace trace_seren.csv --format acme",
            "", "Exit status: 0 success, 2 bad input (the file, or its rows, with their lines)."})
final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The trace file.")
    Path file;

    @Option(names = "--format", paramLabel = "F",
            description = "csv, swf, slurm, helios, acme or philly (default: guessed from FILE's name).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the page and charts (default: reports/<file-name>-trace).")
    Path out;

    @Option(names = "--no-charts", description = "Only print the description; write no page or charts.")
    boolean noCharts;

    @Option(names = "--debug", description = "Print stack traces of errors (for reporting bugs).")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String label = file.toString();
        if (Files.isDirectory(file)) {
            throw new BadInputException(label + ": is a folder, not a trace file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(label + ": file not found");
        }
        TraceFormat chosen = format != null ? TraceFormat.of(format).orElseThrow(() -> new BadInputException(
                "--format: unknown format '" + format + "'; expected one of: " + String.join(", ", TraceFormat.keys())))
                : guess(file);
        TraceProfile profile;
        try {
            profile = TraceProfile.of(file, chosen);
        } catch (NoSuchFileException e) {
            throw new BadInputException(label + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(label + ": cannot read the trace: " + IoMessages.describe(e));
        }
        if (profile.problemCount() > 0) {
            List<String> messages = new ArrayList<>();
            for (TraceProfile.Problem p : profile.problems()) {
                messages.add(label + (p.line() > 0 ? ":" + p.line() : "") + ": " + (p.where().isEmpty() ? "" : p.where() + ": ")
                        + p.message());
            }
            if (profile.problemCount() > profile.problems().size()) {
                messages.add(label + ": ... and " + (profile.problemCount() - profile.problems().size()) + " more rows with problems");
            }
            messages.add(label + ": read as " + chosen.key() + ", " + chosen.description()
                    + (format == null ? "; give --format if that is wrong" : ""));
            throw new BadInputException(messages);
        }
        PrintWriter printed = spec.commandLine().getOut();
        TraceReport.print(printed, label, profile);
        if (!noCharts) {
            Path target = out != null ? out : Path.of("reports", folderName(file) + "-trace");
            try {
                TraceReport.write(target, label, profile);
            } catch (ReportFolder.UnusableTarget e) {
                throw new BadInputException("--out: " + e.getMessage());
            } catch (IOException e) {
                throw new WriteFailure("cannot write " + target + ": " + IoMessages.describe(e), e);
            }
            printed.println("Wrote " + target.resolve("index.html") + " and its charts in " + target.resolve("charts"));
            printed.flush();
        }
        return Main.OK;
    }

    /** The format a file's name (and a CSV's header) suggests. */
    static TraceFormat guess(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".swf")) {
            return TraceFormat.SWF;
        }
        if (name.endsWith(".sacct") || name.endsWith(".slurm")) {
            return TraceFormat.SLURM;
        }
        if (name.endsWith(".json")) {
            return TraceFormat.PHILLY;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header != null && List.of("job_id", "gpu_num", "submit_time").stream()
                    .allMatch(column -> List.of(header.split(",")).stream().map(String::trim).anyMatch(column::equals))) {
                return TraceFormat.HELIOS;
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable first line: the CSV reader says why, with its line
        }
        return TraceFormat.CSV;
    }

    /** The file's name without its extension, as a report folder name. */
    private static String folderName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return stem.isEmpty() ? "trace" : stem;
    }
}
