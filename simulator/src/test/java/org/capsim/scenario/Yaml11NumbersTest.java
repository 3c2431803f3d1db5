package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Every number in a shipped scenario is also a number, the same one, to a YAML 1.1 reader: planners
 * open scenarios with PyYAML, which reads {@code 25.0e9} as a string (a 1.1 float needs a dot and a
 * signed exponent: {@code 2.5e+10}). capsim itself reads YAML 1.2 (snakeyaml-engine).
 */
class Yaml11NumbersTest {

    /** PyYAML's float rule, from the YAML 1.1 type repository (yaml.org/type/float.html). */
    private static final Pattern YAML11_FLOAT = Pattern.compile("^(?:[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN))$");

    /** SnakeYAML's resolver with its float rule narrowed to YAML 1.1's: it also takes {@code 25.0e9} and {@code 1e9}. */
    private static final class Yaml11Resolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.FLOAT.equals(tag) && !YAML11_FLOAT.matcher(value).matches() ? Tag.STR : tag;
        }
    }

    private static Object readYaml11(String text) {
        LoaderOptions options = new LoaderOptions();
        DumperOptions dump = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options, new Yaml11Resolver()).load(text);
    }

    private static Object readYaml12(String text) {
        return new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
    }

    @Test
    void theYaml11ReaderReadsExponentsAsPyYamlDoes() {
        assertInstanceOf(String.class, readYaml11("25.0e9"));
        assertInstanceOf(String.class, readYaml11("1e9"));
        assertEquals(2.5e10, readYaml11("2.5e+10"));
        assertEquals(3.0e-3, readYaml11("3.0e-3"));
        assertEquals(0.4, readYaml11("0.4"));
        assertEquals(42, readYaml11("42"));
        assertEquals(2.5e10, readYaml12("25.0e9"));
    }

    @Test
    void everyNumberOfAShippedScenarioIsTheSameNumberInYaml11() throws IOException {
        Path scenarios = Path.of(System.getProperty("capsim.root", "..")).toAbsolutePath().normalize().resolve("scenarios");
        List<Path> files;
        try (Stream<Path> list = Files.list(scenarios)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "shipped scenarios in " + scenarios + ": " + files);
        List<String> wrong = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            int numbers = compare(readYaml12(text), readYaml11(text), file.getFileName().toString(), wrong);
            assertTrue(numbers >= 5, file + ": only " + numbers + " numbers found");
        }
        assertEquals(List.of(), wrong, "numbers a YAML 1.1 reader (PyYAML) reads otherwise");
    }

    /** Walks both readings side by side; returns how many numbers the YAML 1.2 reading has. */
    private static int compare(Object yaml12, Object yaml11, String path, List<String> wrong) {
        if (yaml12 instanceof Map<?, ?> map12 && yaml11 instanceof Map<?, ?> map11 && map12.size() == map11.size()) {
            int numbers = 0;
            Iterator<?> values11 = map11.values().iterator();
            for (Map.Entry<?, ?> entry : map12.entrySet()) {
                numbers += compare(entry.getValue(), values11.next(), path + "." + entry.getKey(), wrong);
            }
            return numbers;
        }
        if (yaml12 instanceof List<?> list12 && yaml11 instanceof List<?> list11 && list12.size() == list11.size()) {
            int numbers = 0;
            for (int i = 0; i < list12.size(); i++) {
                numbers += compare(list12.get(i), list11.get(i), path + "[" + i + "]", wrong);
            }
            return numbers;
        }
        if (yaml12 instanceof Map || yaml12 instanceof List) {
            wrong.add(path + ": YAML 1.1 reads another structure: " + yaml11);
            return 0;
        }
        if (!(yaml12 instanceof Number number12)) {
            return 0;
        }
        if (!(yaml11 instanceof Number number11) || !sameNumber(number12, number11)) {
            wrong.add(path + ": YAML 1.2 reads " + number12 + ", YAML 1.1 "
                    + (yaml11 == null ? "null" : yaml11.getClass().getSimpleName() + " " + yaml11));
        }
        return 1;
    }

    /** The same kind (whole or not) and the same value. */
    private static boolean sameNumber(Number a, Number b) {
        boolean whole = a instanceof Integer || a instanceof Long || a instanceof BigInteger;
        boolean otherWhole = b instanceof Integer || b instanceof Long || b instanceof BigInteger;
        if (whole != otherWhole) {
            return false;
        }
        return whole ? new BigDecimal(a.toString()).equals(new BigDecimal(b.toString()))
                : Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
}
