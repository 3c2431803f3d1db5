package org.capsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.capsim.report.Provenance;
import org.capsim.scenario.ScenarioDigest;

/**
 * The run a report records (its provenance's command line, seed, overrides and input hashes),
 * turned into the command line that runs it again: its scenario.yaml, the traces it read found by
 * their hashes, a new report folder; what does not change the output (threads, Spark, charts) left out.
 */
final class RecordedRun {

    /** Options that take a value: a word of their own or after '='. */
    private static final Set<String> VALUED = Set.of("--replications", "--seed", "--out", "--threads", "--spark",
            "--sample-hours", "--set", "--target-ci", "--max-replications", "--classpath", "--capacity", "--policy",
            "--policies");
    /** Options that do not change jobs.csv, sites.csv or summary.json (or are set again here). */
    private static final Set<String> LEFT_OUT = Set.of("--out", "--threads", "--spark", "--set", "--capacity", "--quiet",
            "--verify", "--no-charts", "--debug");
    /** Options that decide how many replications run: replaced by an explicit --replications. */
    private static final Set<String> REPLICATIONS = Set.of("--replications", "--target-ci", "--max-replications");

    private final Provenance provenance;
    private final List<String> words;

    RecordedRun(Provenance provenance) {
        this.provenance = provenance;
        this.words = words(provenance.command());
    }

    /** The recorded scenario argument (as typed then, relative to the folder capsim ran in). */
    Optional<String> scenarioArgument() {
        List<String> positional = positional();
        return positional.size() > 1 ? Optional.of(positional.get(1)) : Optional.empty();
    }

    /** The command (run or compare) the report was made by. */
    String command() {
        List<String> positional = positional();
        return positional.isEmpty() ? "" : positional.get(0);
    }

    /**
     * The command line that runs the report again.
     *
     * @param scenario     where scenario.yaml is now, with the traces beside it
     * @param out          the new report folder
     * @param overrides    the report's --set values (a sweep point's), key path to value
     * @param replications replications to run instead of the recorded options', or null
     */
    List<String> again(Path scenario, Path out, Map<String, String> overrides, Integer replications) {
        List<String> args = new ArrayList<>(List.of(command(), scenario.toString()));
        int positional = 0;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                if (++positional > 2) {
                    args.add(word); // not expected: passed on for the run to judge
                }
                continue;
            }
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            String value = VALUED.contains(word) && i + 1 < words.size() ? words.get(++i) : null;
            if (LEFT_OUT.contains(name) || (replications != null && REPLICATIONS.contains(name))) {
                continue;
            }
            args.add(word);
            if (value != null) {
                args.add(value);
            }
        }
        overrides.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        if (replications != null) {
            args.addAll(List.of("--replications", replications.toString()));
        }
        args.addAll(List.of("--out", out.toString(), "--quiet", "--no-charts"));
        return args;
    }

    /** The words of the recorded command line, less "capsim" and the values of valued options. */
    private List<String> positional() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--")) {
                i += VALUED.contains(word) ? 1 : 0;
            } else {
                out.add(word);
            }
        }
        return out;
    }

    /**
     * Finds each input by its recorded hash and copies it where the scenario in {@code dir} looks
     * for it: in {@code traceDir} (by the name the scenario gives, then by file name), beside the
     * report's scenario.yaml, or where the recorded scenario argument was.
     *
     * @return the problems: a file not found, or found only with other content
     */
    List<String> placeInputs(Path dir, Path report, Path traceDir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Provenance.Input input : provenance.inputs()) {
            List<Path> candidates = new ArrayList<>();
            if (traceDir != null) {
                candidates.add(traceDir.resolve(input.file()));
                candidates.add(traceDir.resolve(Path.of(input.file()).getFileName()));
            }
            candidates.add(report.resolve(input.file()));
            scenarioArgument().map(Path::of).map(Path::toAbsolutePath).map(Path::getParent)
                    .ifPresent(folder -> candidates.add(folder.resolve(input.file())));
            Path found = null;
            List<String> others = new ArrayList<>();
            for (Path candidate : candidates) {
                if (Files.isRegularFile(candidate)) {
                    if (ScenarioDigest.sha256(candidate).equals(input.sha256())) {
                        found = candidate;
                        break;
                    }
                    others.add(candidate.toString());
                }
            }
            if (found == null) {
                problems.add(input.file() + ": " + (others.isEmpty()
                        ? "missing: the report read it, and it is in none of " + candidates
                                + (traceDir == null ? " (name its folder with --trace-dir)" : "")
                        : "hash mismatch: " + String.join(", ", others) + " is not the file the report read (sha256 "
                                + input.sha256() + ")"));
            } else {
                Path target = dir.resolve(input.file()).normalize();
                if (!target.equals(found.toAbsolutePath().normalize())) {
                    Files.createDirectories(target.getParent());
                    Files.copy(found, target);
                }
            }
        }
        return problems;
    }

    /** How many folders up the inputs reach from the scenario's ("../data/x.csv": 1), so that a copy has room. */
    int depth() {
        int depth = 0;
        for (Provenance.Input input : provenance.inputs()) {
            int up = 0;
            for (Path part : Path.of(input.file()).normalize()) {
                up += part.toString().equals("..") ? 1 : 0;
            }
            depth = Math.max(depth, up);
        }
        return depth;
    }

    /** Splits a command line recorded by {@link RunOrigin}: words by spaces, quotes and backslashes as a shell reads them. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        boolean escaped = false;
        for (char c : command.toCharArray()) {
            if (quoted && c != '\'' || escaped) {
                word.append(c);
                escaped = false;
            } else if (quoted) {
                quoted = false;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                quoted = c == '\'';
                escaped = c == '\\';
                if (!quoted && !escaped) {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
