package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing: the shipped scenarios and the Philly trace, mutated at random (lines deleted,
 * duplicated, swapped or re-indented; values replaced by wrong types, extremes, NaN, huge or odd
 * text; keys renamed; bytes inserted, flipped or cut off), then validated. Every case must end
 * in exit 0 or a clean exit 2 naming the file, within a time bound: never exit 1, a stack trace,
 * an OutOfMemoryError or a hang. A sample of the mutants that validate is also run (one
 * replication, a shortened horizon) under the same rule.
 *
 * <p>Deterministic: case n of seed s is always the same mutant. {@code -Dcapsim.fuzz.cases=N}
 * runs more, {@code -Dcapsim.fuzz.runs=N} runs more valid mutants (default 12),
 * {@code -Dcapsim.fuzz.seed=S} another sequence, {@code -Dcapsim.fuzz.case=N} one case
 * alone; a failing mutant is saved under target/fuzz-failures/.
 */
class MutationFuzzTest {

    private static final long SEED = Long.getLong("capsim.fuzz.seed", 20251124L);
    private static final int CASES = Integer.getInteger("capsim.fuzz.cases", 2000);
    private static final Integer ONLY = Integer.getInteger("capsim.fuzz.case");
    /** Runs of valid mutants: one in this many, at most {@link #MAX_RUNS}. */
    private static final int RUN_EVERY = 25;
    private static final int MAX_RUNS = Integer.getInteger("capsim.fuzz.runs", 12);
    private static final int TRACE_ROWS = 300;
    private static final long VALIDATE_SECONDS = 20;
    private static final long RUN_SECONDS = 120;

    private static final String[] VALUES = {"-1", "0", "-0", "1", "0.5", "1e308", "-1e308", "1.0e999", ".nan", ".inf",
        "-.inf", "NaN", "99999999999999999999", "1000000000000", "0.0000001", "abc", "\"\"", "''", "[]", "{}", "[1, 2]",
        "{ a: 1 }", "null", "~", "true", "2025-02-30", "2024-01-01", "9999-12-31", "\u00e9\u6f22\u5b57", "*undefined",
        "&anchor x", "!!binary AAAA", "\"unterminated", "{ uniform: [5, 1] }", "{ lognormal: { median: -1, sigma: 9 } }",
        "{ choice: { 1: 0.5 } }", "{ empirical: { file: none.csv, column: c } }", "H200x", "azure", "lab"};

    @TempDir
    Path dir;

    /** A source a mutant is made from: its file name and text. */
    private record Source(String name, String text, boolean trace) {
    }

    @Test
    void mutantsEndInSuccessOrACleanBadInputError() throws Exception {
        List<Source> sources = sources();
        Path failures = Path.of("target", "fuzz-failures");
        int first = ONLY != null ? ONLY : 0;
        int last = ONLY != null ? ONLY : CASES - 1;
        System.err.printf("fuzz: seed %d, cases %d..%d, %d sources%n", SEED, first, last, sources.size());
        int valid = 0;
        int bad = 0;
        int runs = 0;
        List<String> failed = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true); // a hung case must not keep the JVM alive
            return t;
        });
        try {
            for (int n = first; n <= last && failed.size() < 5; n++) {
                Random random = new Random(SEED * 1_000_003L + n);
                Source source = sources.get(random.nextInt(sources.size()));
                byte[] mutant = mutate(source, random);
                Path scenario = write(n, source, mutant);
                String problem = check(worker, n, "validate", List.of("validate", scenario.toString()), VALIDATE_SECONDS,
                        scenario.getFileName().toString());
                Cli result = lastResult;
                if (problem == null && result.exit() == 0) {
                    valid++;
                    if ((valid % RUN_EVERY == 1 || ONLY != null) && runs < MAX_RUNS) {
                        List<String> args = runArgs(scenario, n, mutant, source);
                        if (args != null) {
                            runs++;
                            problem = check(worker, n, "run", args, RUN_SECONDS, scenario.getFileName().toString());
                        }
                    }
                } else if (problem == null) {
                    bad++;
                }
                if (problem != null) {
                    Files.createDirectories(failures);
                    Path saved = failures.resolve(String.format(Locale.ROOT, "seed-%d-case-%d-%s", SEED, n,
                            source.trace() ? "trace.csv" : "scenario.yaml"));
                    Files.write(saved, mutant);
                    failed.add("case " + n + " (" + source.name() + "): " + problem + "; mutant saved as " + saved
                            + "; replay with -Dcapsim.fuzz.seed=" + SEED + " -Dcapsim.fuzz.case=" + n);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.err.printf("fuzz: seed %d, %d cases: %d valid (%d of them run), %d bad input, %d failures%n", SEED,
                last - first + 1, valid, runs, bad, failed.size());
        assertTrue(failed.isEmpty(), String.join("\n", failed));
        if (ONLY == null) {
            // the mix is what makes it a fuzzer: mostly broken inputs, but some that get through to a run
            assertTrue(bad > CASES / 2 && valid > CASES / 50 && runs > 0, valid + " valid, " + bad + " bad, " + runs + " runs");
        }
    }

    private Cli lastResult;

    /** Runs the CLI on the worker with a time bound; returns what is wrong, or null. */
    private String check(ExecutorService worker, int n, String what, List<String> args, long seconds, String fileName)
            throws InterruptedException {
        Future<Cli> future = worker.submit(() -> Cli.run(args.toArray(String[]::new)));
        Cli cli;
        try {
            cli = future.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return what + " did not finish within " + seconds + " s";
        } catch (java.util.concurrent.ExecutionException e) {
            return what + " threw " + e.getCause(); // OutOfMemoryError, StackOverflowError, ...
        }
        lastResult = cli;
        if (cli.exit() != 0 && cli.exit() != 2) {
            return what + " exited " + cli.exit() + ":\n" + cli.all();
        }
        if (!cli.clean()) {
            return what + " printed a stack trace:\n" + cli.all();
        }
        if (cli.exit() == 2 && !cli.err().contains(fileName) && !cli.err().contains("trace.csv") && !cli.err().contains("--")) {
            return what + " failed without naming the file:\n" + cli.all();
        }
        return null;
    }

    /** One replication over three weeks of the mutant's own start, so even a busy mutant runs quickly. */
    private static List<String> runArgs(Path scenario, int n, byte[] mutant, Source source) {
        Matcher start = Pattern.compile("(?m)^start:\\s*(\\d{4}-\\d{2}-\\d{2})").matcher(
                new String(source.trace() ? source.text().getBytes(StandardCharsets.UTF_8) : mutant, StandardCharsets.UTF_8));
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--replications", "1", "--threads", "1",
                "--no-charts", "--quiet", "--out", scenario.resolveSibling("report-" + n).toString()));
        if (start.find()) {
            try {
                args.addAll(List.of("--set", "horizon=" + java.time.LocalDate.parse(start.group(1)).plusDays(20)));
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return args;
    }

    /** The shipped scenarios, and the Philly trace (cut to its first rows) with its scenario. */
    private List<Source> sources() throws IOException {
        Path shipped = TestScenarios.root().resolve("scenarios");
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                sources.add(new Source(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), false));
            }
        }
        List<String> trace = Files.readAllLines(shipped.resolve("traces/philly.csv"), StandardCharsets.UTF_8);
        String rows = String.join("\n", trace.subList(0, Math.min(trace.size(), TRACE_ROWS))) + "\n";
        sources.add(new Source("philly.csv", rows, true));
        sources.add(new Source("philly.csv", rows, true)); // traces get a fair share of the cases
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces/philly.csv"), rows, StandardCharsets.UTF_8);
        philly = Files.readString(shipped.resolve("philly-replay.yaml"), StandardCharsets.UTF_8)
                .replace("origin: 2025-01-07", "origin: 2025-01-21"); // the cut trace starts at row 0
        return sources;
    }

    private String philly;

    /** Writes case n: a scenario mutant beside the (cut) trace, or a trace mutant beside the Philly scenario. */
    private Path write(int n, Source source, byte[] mutant) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("case-" + n));
        if (source.trace()) {
            Files.createDirectories(folder.resolve("traces"));
            Files.write(folder.resolve("traces/philly.csv"), mutant);
            return Files.writeString(folder.resolve("philly-replay.yaml"), philly, StandardCharsets.UTF_8);
        }
        Files.createDirectories(folder.resolve("traces"));
        Files.copy(dir.resolve("traces/philly.csv"), folder.resolve("traces/philly.csv"));
        Path file = folder.resolve(source.name());
        Files.write(file, mutant);
        return file;
    }

    // ---- mutations ----

    private static byte[] mutate(Source source, Random random) {
        String text = source.text();
        int count = 1 + random.nextInt(3);
        byte[] bytes = null;
        for (int k = 0; k < count; k++) {
            int op = random.nextInt(source.trace() ? 9 : 11);
            if (op >= 8) { // byte-level: the last mutation
                bytes = bytes(text, random, op);
                break;
            }
            text = source.trace() ? traceMutation(text, random, op) : scenarioMutation(text, random, op);
        }
        return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String scenarioMutation(String text, Random random, int op) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        switch (op) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(i));
            case 2 -> {
                int j = random.nextInt(lines.size());
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            case 3 -> lines.set(i, " ".repeat(random.nextInt(4)) + lines.get(i).stripLeading().indent(0).strip());
            case 4, 5 -> { // a value replaced: the value after some "key:"
                for (int tries = 0; tries < 20; tries++) {
                    int at = random.nextInt(lines.size());
                    Matcher m = Pattern.compile("([a-z0-9-]+):\\s*([^,{}#\\[\\]]+)").matcher(lines.get(at));
                    List<int[]> spans = new ArrayList<>();
                    while (m.find()) {
                        spans.add(new int[] {m.start(2), m.end(2)});
                    }
                    if (!spans.isEmpty()) {
                        int[] s = spans.get(random.nextInt(spans.size()));
                        String value = random.nextInt(10) == 0 ? "x".repeat(5000) : VALUES[random.nextInt(VALUES.length)];
                        String line = lines.get(at);
                        lines.set(at, line.substring(0, s[0]) + value + line.substring(s[1]));
                        break;
                    }
                }
            }
            case 6 -> { // a number changed in magnitude or sign
                Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+)?").matcher(text);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (!spans.isEmpty()) {
                    int[] s = spans.get(random.nextInt(spans.size()));
                    double factor = Math.pow(10, random.nextInt(25) - 12) * (random.nextBoolean() ? 1 : -1);
                    double value = Double.parseDouble(text.substring(s[0], s[1])) * factor;
                    return text.substring(0, s[0]) + (random.nextBoolean() ? String.valueOf(value)
                            : String.valueOf((long) value)) + text.substring(s[1]);
                }
            }
            default -> { // a key renamed
                Matcher m = Pattern.compile("([a-z][a-z0-9-]*):").matcher(lines.get(i));
                if (m.find()) {
                    lines.set(i, lines.get(i).substring(0, m.start(1)) + m.group(1) + (random.nextBoolean() ? "x" : "-")
                            + lines.get(i).substring(m.end(1)));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String traceMutation(String text, Random random, int op) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        switch (op) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(i));
            case 2 -> { // rows swapped: out of submit order
                int j = 1 + random.nextInt(lines.size() - 1);
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            case 3 -> { // a column dropped everywhere
                int column = random.nextInt(5);
                for (int k = 0; k < lines.size(); k++) {
                    List<String> cells = new ArrayList<>(Arrays.asList(lines.get(k).split(",", -1)));
                    if (column < cells.size()) {
                        cells.remove(column);
                    }
                    lines.set(k, String.join(",", cells));
                }
            }
            case 4, 5, 6 -> { // a cell replaced
                List<String> cells = new ArrayList<>(Arrays.asList(lines.get(i).split(",", -1)));
                String[] values = {"-1", "0", "1e12", "NaN", "Infinity", "abc", "", "\"", "\"a,b\"", "1.5", "99999999999999999999"};
                cells.set(random.nextInt(cells.size()), values[random.nextInt(values.length)]);
                lines.set(i, String.join(",", cells));
            }
            default -> lines.set(0, lines.get(0).replace(random.nextBoolean() ? "num_gpus" : "duration_s", "gpus_x"));
        }
        return String.join("\n", lines);
    }

    /** Byte-level: cut short, random bytes inserted, or one byte flipped. */
    private static byte[] bytes(String text, Random random, int op) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(Math.max(1, data.length));
        return switch (op % 3) {
            case 0 -> Arrays.copyOf(data, at);
            case 1 -> {
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                byte[] out = new byte[data.length + noise.length];
                System.arraycopy(data, 0, out, 0, at);
                System.arraycopy(noise, 0, out, at, noise.length);
                System.arraycopy(data, at, out, at + noise.length, data.length - at);
                yield out;
            }
            default -> {
                byte[] out = data.clone();
                if (out.length > 0) {
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
                yield out;
            }
        };
    }
}
