package org.capsim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The scenario file being read, shared by the section readers: where it is, the YAML reader and
 * the problems it collects, the notes for the user, and the small reading steps every section uses.
 */
final class ScenarioInput {

    /** Ids of scenarios, sites and providers, as used in folder names and CSV: [a-z0-9-]+. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final String ID_RULE = "use lower-case letters, digits and '-'";
    /** Names of GPU types and workload classes. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final String NAME_RULE = "use letters, digits, '_', '.' and '-'";

    /** Up-front limits, so an absurd input is an error naming the key, not an out-of-memory crash. */
    static final long MAX_TRANCHE_GPUS = 100_000_000L;
    static final long MAX_POOL_GPUS = 1_000_000_000L;

    private final Path file;
    private final String label;
    private final Problems problems;
    private final YamlReader yaml;
    private final List<String> notes = new ArrayList<>();
    private final List<DataFile> dataFiles = new ArrayList<>();

    /** @param label the file as the user named it, used in every message */
    ScenarioInput(Path file, String label, Problems problems) {
        this.file = file;
        this.label = label;
        this.problems = problems;
        this.yaml = new YamlReader(label, problems);
    }

    String label() {
        return label;
    }

    Problems problems() {
        return problems;
    }

    YamlReader yaml() {
        return yaml;
    }

    /** The trace and data files found readable, in reading order (each once). */
    List<DataFile> dataFiles() {
        return dataFiles;
    }

    /** Warnings worth showing, in the order found. */
    List<String> notes() {
        return notes;
    }

    void note(String note) {
        notes.add(note);
    }

    /** The value of {@code key} as {@code reader} reads it, or null after reporting it missing. */
    <T> T required(Mapping m, String key, Function<Node, T> reader) {
        Node node = m.require(key);
        return node == null ? null : reader.apply(node);
    }

    /** The value, or {@code absent} when the key is missing or its value had a problem (already reported). */
    <T> T optional(Mapping m, String key, T absent, Function<Node, T> reader) {
        Node node = m.get(key);
        T value = node == null ? null : reader.apply(node);
        return value == null ? absent : value;
    }

    /**
     * The mapping under a required key, or null after reporting it missing or not a mapping; an
     * empty one is reported with {@code whenEmpty} and returned.
     */
    Mapping requiredMapping(Mapping parent, String key, String whenEmpty) {
        Node node = parent.require(key);
        if (node == null) {
            return null;
        }
        Mapping all = yaml.mapping(node, parent.path(key));
        if (all != null && all.keys().isEmpty()) {
            yaml.problem(node, parent.path(key), whenEmpty);
        }
        return all;
    }

    /**
     * The items of the list under a required key, or null after reporting it missing or not a
     * list; an empty one is reported with {@code whenEmpty} and returned.
     */
    List<Node> requiredList(Mapping parent, String key, String whenEmpty) {
        Node node = parent.require(key);
        if (node == null) {
            return null;
        }
        List<Node> items = yaml.sequence(node, parent.path(key));
        if (items != null && items.isEmpty()) {
            yaml.problem(node, parent.path(key), whenEmpty);
        }
        return items;
    }

    /** A number in (0, max]. */
    Double positive(Node node, String path, double max) {
        return yaml.number(node, path, 0, true, max);
    }

    /** A reader of distributions whose data files lie beside the scenario. */
    DistributionReader distributions() {
        return new DistributionReader(yaml, file, label, this::readableFile);
    }

    /** Reports, at the key naming it, a referenced file that is missing or a folder. */
    boolean readableFile(Node node, String path, Path file, String label, String what) {
        if (Files.isDirectory(file)) {
            yaml.problem(node, path, label + " is a folder, not a " + what + " file");
            return false;
        }
        if (!Files.isRegularFile(file)) {
            yaml.problem(node, path, what + " file not found: " + label);
            return false;
        }
        DataFile read = new DataFile(node instanceof ScalarNode scalar ? scalar.getValue() : label, file);
        if (!dataFiles.contains(read)) {
            dataFiles.add(read);
        }
        return true;
    }

    /** A file the scenario names, relative to the scenario's folder. */
    Path resolve(String name) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(name).normalize();
    }

    /** A referenced file named as the user would: relative to the scenario's folder as given. */
    String relativeLabel(String name) {
        Path given = Path.of(label).getParent();
        Path candidate = Path.of(name);
        if (candidate.isAbsolute() || given == null) {
            return candidate.normalize().toString();
        }
        return given.resolve(candidate).normalize().toString();
    }
}
