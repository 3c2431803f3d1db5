package org.capsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row (i) times stargate-2025 against its copy without power: the copy must be a valid scenario
 * with no power key left and everything else the same (sites, build-out, demand).
 */
class PowerRowTest {

    @TempDir
    Path dir;

    @Test
    void copyWithoutPowerIsTheSameScenarioWithoutThePowerKeys() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path on = StargateScenario.write(root, dir, "on.yaml", "", false);
        Path off = Files.writeString(dir.resolve("off.yaml"),
                PowerRow.withoutPower(Files.readString(on, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        Scenario withPower = load(on);
        Scenario withoutPower = load(off);
        assertTrue(withPower.reportsPower(), "the shipped stargate-2025 has power keys");
        assertFalse(withoutPower.reportsPower(), "the copy has none");
        assertEquals(withPower.sites().size(), withoutPower.sites().size());
        for (int i = 0; i < withPower.sites().size(); i++) {
            assertEquals(tranches(withPower, i), tranches(withoutPower, i));
        }
        assertEquals(withPower.demand().size(), withoutPower.demand().size());
        assertEquals(withPower.gpuTypes().keySet(), withoutPower.gpuTypes().keySet());
        withPower.gpuTypes().forEach((name, type) -> assertEquals(type.kwPerGpu(),
                withoutPower.gpuTypes().get(name).kwPerGpu()));
    }

    /** A site's tranches as date, type, GPUs and cancellation (distributions have no equals). */
    private static java.util.List<String> tranches(Scenario scenario, int site) {
        return scenario.sites().get(site).buildOut().stream()
                .map(t -> t.date() + " " + t.gpuType() + " " + t.gpus() + " " + t.retire() + " " + t.cancelProbability())
                .toList();
    }

    private static Scenario load(Path file) throws Exception {
        return ScenarioLoader.load(file, file.getFileName().toString(),
                new ScenarioLoader.Options(PolicyRegistry.load(PowerRowTest.class.getClassLoader()), null));
    }
}
