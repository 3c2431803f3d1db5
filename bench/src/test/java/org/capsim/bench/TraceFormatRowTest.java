package org.capsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.capsim.demand.Trace;
import org.capsim.demand.TraceClass;
import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row (k) times the same jobs read from SWF and from CSV: capsim must read the two files to the same trace. */
class TraceFormatRowTest {

    @TempDir
    Path dir;

    @Test
    void theSwfAndTheCsvHoldTheSameJobs() throws Exception {
        TraceFormatRow.write(dir, 2_000, 7);
        Trace csv = trace(dir.resolve("csv.yaml"));
        Trace swf = trace(dir.resolve("swf.yaml"));
        assertEquals(2_000, csv.size());
        assertEquals(csv.size(), swf.size());
        for (int row = 0; row < csv.size(); row++) {
            assertEquals(csv.id(row), swf.id(row));
            assertEquals(csv.arrival(row), swf.arrival(row), 1e-9);
            assertEquals(csv.hours(row), swf.hours(row), 1e-12);
            assertEquals(csv.gpus(row), swf.gpus(row));
        }
    }

    private static Trace trace(Path scenario) throws Exception {
        Scenario loaded = ScenarioLoader.load(scenario, scenario.getFileName().toString(),
                new ScenarioLoader.Options(PolicyRegistry.load(TraceFormatRowTest.class.getClassLoader()), null));
        return ((TraceClass) loaded.demand().get(0)).trace();
    }
}
