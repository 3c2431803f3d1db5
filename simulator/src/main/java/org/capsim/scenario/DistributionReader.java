package org.capsim.scenario;

import java.nio.file.Path;
import java.util.List;

import org.capsim.random.Distribution;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a distribution (SPEC section 3): a bare number, or a mapping with exactly one of
 * {@code uniform}, {@code log-uniform}, {@code lognormal}, {@code exponential}, {@code choice},
 * {@code empirical}. Every value it can produce must lie in the caller's [min, max].
 */
final class DistributionReader {

    static final List<String> KINDS = List.of("uniform", "log-uniform", "lognormal", "exponential", "choice", "empirical");

    /**
     * The values a distribution may produce where it is used.
     *
     * @param min          smallest allowed value
     * @param minExclusive whether {@code min} itself is excluded (GPU counts: more than 0)
     * @param max          largest allowed value (unbounded distributions are held to their mean)
     */
    record Bounds(double min, boolean minExclusive, double max) {

        boolean allows(double low) {
            return minExclusive ? low > min : low >= min;
        }

        String describe() {
            return (minExclusive ? "more than " : "from ") + BlockSettings.plain(min) + " up to " + BlockSettings.plain(max);
        }
    }

    /** Checks a referenced file exists, reporting at the key that names it. */
    interface FileCheck {
        boolean readable(Node node, String path, Path file, String label, String what);
    }

    private final YamlReader yaml;
    private final Path scenarioFile;
    private final String scenarioLabel;
    private final FileCheck files;

    DistributionReader(YamlReader yaml, Path scenarioFile, String scenarioLabel, FileCheck files) {
        this.yaml = yaml;
        this.scenarioFile = scenarioFile;
        this.scenarioLabel = scenarioLabel;
        this.files = files;
    }

    Distribution read(Node node, String path, Bounds bounds) {
        if (!(node instanceof MappingNode)) {
            Double value = yaml.number(node, path, bounds.min(), bounds.minExclusive(), bounds.max());
            return value == null ? null : new Distribution.Fixed(value);
        }
        Mapping m = yaml.mapping(node, path);
        List<String> kinds = m.keys();
        if (kinds.size() != 1 || !KINDS.contains(kinds.get(0))) {
            String unknown = kinds.stream().filter(k -> !KINDS.contains(k)).findFirst().orElse(null);
            String suggestion = unknown == null ? null : YamlReader.closest(unknown, KINDS);
            yaml.problem(unknown == null ? node : m.keyNode(unknown), path, (kinds.isEmpty() ? "an empty distribution"
                    : unknown != null ? "unknown distribution '" + unknown + "'" + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                    : "give exactly one distribution, found " + String.join(", ", kinds))
                    + "; expected a number or one of: " + String.join(", ", KINDS));
            return null;
        }
        String kind = kinds.get(0);
        Node body = m.get(kind);
        String bodyPath = m.path(kind);
        Distribution distribution = switch (kind) {
            case "uniform" -> interval(body, bodyPath, false);
            case "log-uniform" -> interval(body, bodyPath, true);
            case "lognormal" -> logNormal(body, bodyPath);
            case "exponential" -> exponential(body, bodyPath);
            case "choice" -> choice(body, bodyPath);
            default -> empirical(body, bodyPath, bounds);
        };
        if (distribution == null) {
            return null;
        }
        double low = distribution.min();
        double high = distribution.max();
        // lognormal and exponential approach 0 without reaching it, and are unbounded above:
        // they are held to their mean there
        boolean positiveOnly = distribution instanceof Distribution.LogNormal || distribution instanceof Distribution.Exponential;
        boolean belowMin = !(positiveOnly && bounds.min() <= 0) && !bounds.allows(low);
        boolean aboveMax = Double.isInfinite(high) ? distribution.mean() > bounds.max() : high > bounds.max();
        if (belowMin || aboveMax) {
            yaml.problem(body, bodyPath, (Double.isInfinite(high) ? "has a mean of " + BlockSettings.plain(distribution.mean())
                    : "produces values from " + BlockSettings.plain(low) + " to " + BlockSettings.plain(high))
                    + "; allowed here: " + bounds.describe());
            return null;
        }
        return distribution;
    }

    private Distribution interval(Node node, String path, boolean logarithmic) {
        List<Node> bounds = yaml.sequence(node, path);
        if (bounds == null) {
            return null;
        }
        if (bounds.size() != 2) {
            yaml.problem(node, path, "expected two numbers [low, high], got " + bounds.size());
            return null;
        }
        Double low = yaml.number(bounds.get(0), path + "[0]", logarithmic ? 0 : -1e300, logarithmic, 1e300);
        Double high = yaml.number(bounds.get(1), path + "[1]", logarithmic ? 0 : -1e300, logarithmic, 1e300);
        if (low == null || high == null) {
            return null;
        }
        if (high < low) {
            yaml.problem(node, path, "low (" + BlockSettings.plain(low) + ") is above high (" + BlockSettings.plain(high) + ")");
            return null;
        }
        return logarithmic ? new Distribution.LogUniform(low, high) : new Distribution.Uniform(low, high);
    }

    private Distribution logNormal(Node node, String path) {
        Mapping m = yaml.mapping(node, path);
        if (m == null) {
            return null;
        }
        Node medianNode = m.require("median");
        Node sigmaNode = m.require("sigma");
        m.rejectUnknownKeys();
        Double median = medianNode == null ? null : yaml.number(medianNode, m.path("median"), 0, true, 1e300);
        Double sigma = sigmaNode == null ? null : yaml.number(sigmaNode, m.path("sigma"), 0, 10);
        return median == null || sigma == null ? null : new Distribution.LogNormal(median, sigma);
    }

    private Distribution exponential(Node node, String path) {
        Mapping m = yaml.mapping(node, path);
        if (m == null) {
            return null;
        }
        Node meanNode = m.require("mean");
        m.rejectUnknownKeys();
        Double mean = meanNode == null ? null : yaml.number(meanNode, m.path("mean"), 0, true, 1e300);
        return mean == null ? null : new Distribution.Exponential(mean);
    }

    private Distribution choice(Node node, String path) {
        Mapping m = yaml.mapping(node, path);
        if (m == null) {
            return null;
        }
        List<String> keys = m.keys();
        if (keys.isEmpty()) {
            yaml.problem(node, path, "a choice needs at least one value: probability pair, e.g. { 1: 0.5, 8: 0.5 }");
            return null;
        }
        double[] values = new double[keys.size()];
        double[] probabilities = new double[keys.size()];
        double sum = 0;
        boolean ok = true;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            double value = CsvInput.parseNumber(key);
            if (Double.isNaN(value)) {
                yaml.problem(m.keyNode(key), m.path(key), "'" + key + "' is not a number; a choice maps values to probabilities");
                ok = false;
            }
            Double p = yaml.number(m.get(key), m.path(key), 0, 1);
            if (p == null) {
                ok = false;
            } else {
                sum += p;
            }
            values[i] = value;
            probabilities[i] = p == null ? 0 : p;
        }
        if (ok && Math.abs(sum - 1.0) > 1e-6) {
            yaml.problem(node, path, "the probabilities add up to " + sum + ", not 1");
            return null;
        }
        return ok ? new Distribution.Choice(values, probabilities) : null;
    }

    private Distribution empirical(Node node, String path, Bounds bounds) {
        Mapping m = yaml.mapping(node, path);
        if (m == null) {
            return null;
        }
        Node fileNode = m.require("file");
        Node columnNode = m.require("column");
        m.rejectUnknownKeys();
        String name = fileNode == null ? null : yaml.text(fileNode, m.path("file"));
        String column = columnNode == null ? null : yaml.text(columnNode, m.path("column"));
        if (name == null || column == null) {
            return null;
        }
        Path dataFile = scenarioFile.toAbsolutePath().getParent().resolve(name).normalize();
        Path labelDir = Path.of(scenarioLabel).getParent();
        String label = labelDir == null || Path.of(name).isAbsolute() ? Path.of(name).normalize().toString()
                : labelDir.resolve(name).normalize().toString();
        if (!files.readable(fileNode, m.path("file"), dataFile, label, "data")) {
            return null;
        }
        double[] values = EmpiricalReader.read(dataFile, label, column, bounds, path, yaml.problems());
        return values == null ? null : new Distribution.Empirical(label + "#" + column, values);
    }
}
