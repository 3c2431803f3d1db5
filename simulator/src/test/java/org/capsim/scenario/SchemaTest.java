package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The JSON Schema for scenario files (scenarios/scenario.schema.json) against the shipped scenarios and bad inputs. */
class SchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    private static Path schemaFile;
    private static JsonSchema schema;

    /** A small scenario that the schema accepts; the negative tests change one thing in it. */
    private static final String VALID = """
            name: tiny
            start: 2025-01-01
            horizon: 2025-12-31
            gpu-types:
              H100: { peak-tflops: 989, kw-per-gpu: 1.5 }
            providers:
              lab: { name: Lab, price-per-gpu-hour: 2.0 }
            sites:
              - id: queue
                provider: lab
                build-out:
                  - { date: 2024-12-31, gpu-type: H100, gpus: 8 }
            demand:
              - class: jobs
                kind: sized
                arrivals-per-hour: 6.4
                gpus: 1
                hours: { exponential: { mean: 1.0 } }
            routing:
              policy: earliest-start
            """;

    @BeforeAll
    static void loadSchema() throws IOException {
        root = Path.of(System.getProperty("capsim.root", "..")).toAbsolutePath().normalize();
        schemaFile = root.resolve("scenarios").resolve("scenario.schema.json");
        assertTrue(Files.isRegularFile(schemaFile), "missing " + schemaFile);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = factory.getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml));
    }

    private static String describe(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    /** Asserts the document is rejected and some message names {@code key} (in the text or the instance path). */
    private static void assertRejected(String yaml, String key) throws IOException {
        Set<ValidationMessage> messages = validate(yaml);
        assertFalse(messages.isEmpty(), "the schema accepted:\n" + yaml);
        boolean named = messages.stream().anyMatch(m -> m.getMessage().contains(key)
                || String.valueOf(m.getInstanceLocation()).contains(key)
                || String.valueOf(m.getProperty()).contains(key));
        assertTrue(named, "no message mentions '" + key + "':" + describe(messages));
    }

    /** A --vary percentage is rounded on exactly the keys the schema types as integers. */
    @Test
    void theKeysThatTakeWholeNumbersAreTheSchemasIntegers() throws IOException {
        java.util.Set<String> integers = new java.util.TreeSet<>();
        integerProperties(JSON.readTree(Files.readString(schemaFile)), null, integers);
        assertEquals(integers, new java.util.TreeSet<>(Variation.WHOLE_NUMBER_KEYS));
    }

    private static void integerProperties(JsonNode node, String name, java.util.Set<String> out) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            if (type != null && (type.asText().equals("integer")
                    || type.isArray() && type.toString().contains("\"integer\""))) {
                out.add(name);
            }
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("properties")) {
                    field.getValue().fields().forEachRemaining(p -> integerProperties(p.getValue(), p.getKey(), out));
                } else {
                    integerProperties(field.getValue(), name, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> integerProperties(item, name, out));
        }
    }

    @Test
    void schemaIsJsonAndDeclaresDraft202012() throws IOException {
        JsonNode node = JSON.readTree(Files.readString(schemaFile));
        assertTrue(node.isObject(), "the schema is not a JSON object");
        assertEquals("https://json-schema.org/draft/2020-12/schema", node.path("$schema").asText());
        assertFalse(node.path("$id").asText().isEmpty(), "the schema has no $id");
        assertFalse(node.path("title").asText().isEmpty(), "the schema has no title");
        assertFalse(node.path("description").asText().isEmpty(), "the schema has no description");
        assertEquals(false, node.path("additionalProperties").asBoolean(true), "top level must close its keys");
    }

    @Test
    void theBaseExampleIsValid() throws IOException {
        Set<ValidationMessage> messages = validate(VALID);
        assertTrue(messages.isEmpty(), "the base example is rejected:" + describe(messages));
    }

    @Test
    void everyShippedScenarioValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(root.resolve("scenarios"))) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no scenarios/*.yaml found under " + root);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Set<ValidationMessage> messages = schema.validate(YAML.readTree(file.toFile()));
            if (!messages.isEmpty()) {
                failures.add(root.relativize(file) + ":" + describe(messages));
            }
        }
        if (!failures.isEmpty()) {
            fail("scenarios that do not match the schema:\n" + String.join("\n", failures));
        }
    }

    @Test
    void theSpecExampleValidates() throws IOException {
        // SPEC.md section 3's full example, with every key the format defines
        String spec = """
                name: stargate-2025
                description: Azure loses cloud exclusivity; ROFR on new OpenAI capacity
                start: 2025-01-21
                horizon: 2030-12-31
                warmup-days: 0
                seed: 42
                replications: 10
                scheduling: fifo
                gpu-types:
                  H100:  { peak-tflops: 989,  kw-per-gpu: 1.4, capex-usd: 30000 }
                  GB200: { peak-tflops: 2500, kw-per-gpu: 1.9, capex-usd: 65000 }
                providers:
                  azure:    { name: Microsoft Azure, price-per-gpu-hour: { H100: 2.9, GB200: 5.0 } }
                  oracle:   { name: Oracle Cloud,    price-per-gpu-hour: { H100: 2.5, GB200: 4.4 } }
                  stargate: { name: Stargate,        price-per-gpu-hour: 4.0 }
                sites:
                  - id: azure-us
                    provider: azure
                    build-out:
                      - { date: 2025-01-01, gpu-type: H100, gpus: 150000 }
                      - { date: 2026-01-01, gpu-type: GB200, megawatts: 300,
                          delay-days: { lognormal: { median: 45, sigma: 0.6 } },
                          cancel-probability: 0.1 }
                      - { date: 2029-01-01, gpu-type: H100, retire-gpus: 50000 }
                  - id: abilene
                    provider: stargate
                    build-out:
                      - { date: 2025-10-01, gpu-type: GB200, megawatts: 200 }
                      - { date: 2026-07-01, gpu-type: GB200, capex-usd: 20.0e9 }
                demand:
                  - class: frontier
                    kind: scaling-law
                    arrivals-per-year: 4
                    arrivals-growth-per-year: 1.3
                    median-flops: 5.0e25
                    flops-growth-per-year: 4.5
                    flops-sigma: 0.8
                    mfu: 0.40
                    target-days: 90
                    max-gpus: 200000
                    priority: 10
                  - class: research
                    kind: sized
                    arrivals-per-day: 40
                    gpus: { empirical: { file: ../data/gpus.csv, column: num_gpus } }
                    hours: { lognormal: { median: 6, sigma: 1.5 } }
                    reference-gpu: H100
                  - class: mixed
                    kind: sized
                    arrivals-per-hour: 1
                    gpus: { choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }
                    hours: { uniform: [1, 10] }
                  - class: philly
                    kind: trace
                    file: traces/philly.csv
                    columns: { submit: submit_time_s, gpus: num_gpus, duration: duration_s, id: job_id }
                    time-unit: seconds
                    origin: 2025-01-21
                    reference-gpu: H100
                  - class: api
                    kind: inference
                    provider: azure
                    reserve-gpus:
                      - { date: 2025-01-21, gpus: 30000 }
                      - { date: 2027-01-01, gpus: 120000 }
                failures:
                  gpu-mtbf-hours: 50000
                  checkpoint-hours: 3
                  restart-hours: 0.5
                routing:
                  policy: rofr
                  rofr:
                    holder: azure
                    response-days: 7
                    max-start-delay-days: 30
                    fallback: earliest-start
                  cheapest:
                    max-start-delay-days: 60
                  commitment:
                    provider: azure
                    spend-usd: 250.0e9
                    years: 7
                    fallback: earliest-start
                  earliest-start: {}
                  my-policy: { weight: 2 }
                  phases:
                    - { from: 2025-10-28, policy: commitment }
                """;
        Set<ValidationMessage> messages = validate(spec);
        assertTrue(messages.isEmpty(), "SPEC section 3's example is rejected:" + describe(messages));
    }

    @Test
    void rejectsAnUnknownTopLevelKey() throws IOException {
        assertRejected(VALID + "replicatons: 5\n", "replicatons");
    }

    @Test
    void rejectsAnUnknownKeyInATranche() throws IOException {
        assertRejected(VALID.replace("gpus: 8 }", "gpus: 8, colour: red }"), "colour");
    }

    @Test
    void rejectsATrancheWithTwoAmounts() throws IOException {
        assertRejected(VALID.replace("gpus: 8 }", "gpus: 8, megawatts: 10 }"), "megawatts");
        assertRejected(VALID.replace("gpus: 8 }", "gpus: 8, megawatts: 10 }"), "build-out[0]");
        assertRejected(VALID.replace(", gpus: 8 }", " }"), "retire-gpus");
    }

    @Test
    void rejectsAnMfuAbove1() throws IOException {
        String yaml = VALID.replace("""
                  - class: jobs
                """, """
                  - class: big
                    kind: scaling-law
                    arrivals-per-year: 2
                    median-flops: 3.0e26
                    mfu: 1.5
                    target-days: 90
                  - class: jobs
                """);
        Set<ValidationMessage> withValidMfu = validate(yaml.replace("mfu: 1.5", "mfu: 0.4"));
        assertTrue(withValidMfu.isEmpty(), "the scaling-law class itself is rejected:" + describe(withValidMfu));
        assertRejected(yaml, "mfu");
    }

    @Test
    void rejectsASizedClassWithoutArrivalRate() throws IOException {
        assertRejected(VALID.replace("    arrivals-per-hour: 6.4\n", ""), "arrivals-per");
    }

    @Test
    void rejectsASizedClassWithTwoArrivalRates() throws IOException {
        assertRejected(VALID.replace("arrivals-per-hour: 6.4", "arrivals-per-hour: 6.4\n    arrivals-per-day: 2"), "arrivals-per-day");
    }

    @Test
    void rejectsKeysOfAnotherKind() throws IOException {
        assertRejected(VALID.replace("    gpus: 1\n", "    gpus: 1\n    mfu: 0.4\n"), "mfu");
    }

    @Test
    void rejectsBadDistributions() throws IOException {
        assertFalse(validate(VALID.replace("{ exponential: { mean: 1.0 } }", "{ exponential: { mean: 1.0 }, uniform: [1, 2] }")).isEmpty(),
                "two distributions at once were accepted");
        assertFalse(validate(VALID.replace("{ exponential: { mean: 1.0 } }", "{ uniform: [1, 2, 3] }")).isEmpty(),
                "a uniform with three bounds was accepted");
        assertFalse(validate(VALID.replace("{ exponential: { mean: 1.0 } }", "{ choice: { many: 1.0 } }")).isEmpty(),
                "a choice with a non-numeric value was accepted");
        assertFalse(validate(VALID.replace("gpus: 1\n", "gpus: 0\n")).isEmpty(), "a fixed GPU count of 0 was accepted");
    }

    /** VALID with a scaling-law class carrying {@code extra}, and the sized class carrying {@code sizedExtra}. */
    private static String limited(String extra, String sizedExtra) {
        return VALID.replace("""
                  - class: jobs
                """, """
                  - class: big
                    kind: scaling-law
                    arrivals-per-year: 2
                    median-flops: 3.0e26
                    mfu: 0.4
                    target-days: 90
                """ + extra.indent(4) + """
                  - class: jobs
                """).replace("    gpus: 1\n", "    gpus: 1\n" + sizedExtra.indent(4));
    }

    @Test
    void acceptsPatienceBudgetsAndElasticRuns() throws IOException {
        String yaml = limited("""
                patience-days: { exponential: { mean: 30 } }
                elastic: { min-fraction: 0.25 }
                budget-usd-per-year:
                  - { date: 2025-01-01, usd: 3.0e+9 }
                  - { date: 2026-01-01, usd: 8.0e+9 }
                """, "patience-days: 7\nbudget-usd-per-year: [ { date: 2025-01-01, usd: 0 } ]\n");
        Set<ValidationMessage> messages = validate(yaml);
        assertTrue(messages.isEmpty(), "SPEC 6.1's keys are rejected:" + describe(messages));
    }

    @Test
    void rejectsBadPatienceBudgetsAndElasticRuns() throws IOException {
        assertRejected(limited("patience-days: 0\n", ""), "patience-days");
        assertRejected(limited("", "patience-days: -2\n"), "patience-days");
        assertRejected(limited("elastic: { min-fraction: 0 }\n", ""), "min-fraction");
        assertRejected(limited("elastic: { min-fraction: 1.5 }\n", ""), "min-fraction");
        assertRejected(limited("elastic: {}\n", ""), "min-fraction");
        assertRejected(limited("", "elastic: { min-fraction: 0.5 }\n"), "elastic");
        assertRejected(limited("budget-usd-per-year: []\n", ""), "budget-usd-per-year");
        assertRejected(limited("budget-usd-per-year: [ { date: 2025-01-01, usd: -1 } ]\n", ""), "usd");
        assertRejected(limited("budget-usd-per-year: [ { date: 2025-01-01 } ]\n", ""), "usd");
        assertRejected(limited("budget-usd-per-year: [ { date: 2025-01-01, usd: 1, dollars: 1 } ]\n", ""), "dollars");
        assertRejected(VALID.replace("routing:\n", """
                  - class: api
                    kind: inference
                    provider: lab
                    reserve-gpus: [ { date: 2025-01-01, gpus: 2 } ]
                    patience-days: 30
                routing:
                """), "patience-days");
    }

    /** VALID with the GPU type's entries followed by {@code typeExtra}, and the site's keys {@code siteExtra} (SPEC 6.2). */
    private static String powered(String typeExtra, String siteExtra) {
        return VALID.replace("kw-per-gpu: 1.5 }", "kw-per-gpu: 1.5" + typeExtra + " }")
                .replace("    provider: lab\n", "    provider: lab\n" + siteExtra.indent(4));
    }

    private static final String POWER = """
            power:
              - { date: 2025-06-01, megawatts: 200 }
              - { date: 2026-01-01, megawatts: 900,
                  delay-days: { lognormal: { median: 90, sigma: 0.7 } }, cancel-probability: 0.1 }
            """;

    @Test
    void acceptsSitePowerPricesIntensitiesAndDraws() throws IOException {
        String yaml = powered(", busy-fraction: 0.8, idle-fraction: 0.25", POWER + """
                electricity-usd-per-mwh: 45
                grid-gco2-per-kwh:
                  - { date: 2025-01-01, gco2-per-kwh: 550 }
                  - { date: 2025-09-01, gco2-per-kwh: 300 }
                """);
        Set<ValidationMessage> messages = validate(yaml);
        assertTrue(messages.isEmpty(), "SPEC 6.2's keys are rejected:" + describe(messages));
        String stepped = powered("", "electricity-usd-per-mwh: [ { date: 2025-01-01, usd-per-mwh: 27 } ]\ngrid-gco2-per-kwh: 0\n");
        assertTrue(validate(stepped).isEmpty(), "a stepped price and a zero intensity were rejected:" + describe(validate(stepped)));
    }

    @Test
    void rejectsBadSitePowerPricesIntensitiesAndDraws() throws IOException {
        assertRejected(powered(", busy-fraction: 1.2", ""), "busy-fraction");
        assertRejected(powered(", idle-fraction: -0.1", ""), "idle-fraction");
        assertRejected(powered("", "power: []\n"), "power");
        assertRejected(powered("", POWER.replace("megawatts: 200", "megawatts: -200")), "megawatts");
        assertRejected(powered("", POWER.replace("megawatts: 200", "mw: 200")), "mw");
        assertRejected(powered("", POWER.replace("date: 2025-06-01, ", "")), "date");
        assertRejected(powered("", POWER.replace("cancel-probability: 0.1", "cancel-probability: 2")), "cancel-probability");
        assertRejected(powered("", "electricity-usd-per-mwh: -1\n"), "electricity-usd-per-mwh");
        assertRejected(powered("", "electricity-usd-per-mwh: [ { date: 2025-01-01, usd: 27 } ]\n"), "electricity-usd-per-mwh");
        assertRejected(powered("", "grid-gco2-per-kwh: [ { date: 2025-01-01, gco2-per-kwh: -5 } ]\n"), "grid-gco2-per-kwh");
        assertRejected(powered("", "grid-gco2-per-kwh: { gco2-per-kwh: 5 }\n"), "grid-gco2-per-kwh");
    }

    @Test
    void rejectsBadIdsDatesAndRoutingBlocks() throws IOException {
        assertRejected(VALID.replace("id: queue", "id: Queue_1"), "id");
        assertRejected(VALID.replace("start: 2025-01-01", "start: 1/1/2025"), "start");
        assertRejected(VALID + "  rofr: { holder: lab, fallback: random }\n", "fallback");
        assertRejected(VALID + "  cheapest: { max-start-delay: 3 }\n", "max-start-delay");
        assertRejected(VALID + "  lowest-carbon: { max-start-delay-days: -1 }\n", "max-start-delay-days");
        assertTrue(validate(VALID + "  lowest-carbon: { max-start-delay-days: 7 }\n").isEmpty(), "lowest-carbon block rejected");
        assertTrue(validate(VALID + "  my-policy: { anything: 1 }\n").isEmpty(), "a planner's policy block was rejected");
    }
}
