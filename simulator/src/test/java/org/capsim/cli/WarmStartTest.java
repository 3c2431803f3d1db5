package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.capsim.engine.Kernel;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.IndexPage;
import org.capsim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Each step of the warm-start thread does its work. They hide their failures on purpose (a
 * warm-up must never change a run), so a step broken by a later change would only cost time,
 * unseen: the charts' warm-up failed at its first step for a day that way. (The chart's own test
 * is WarmUpTest.)
 */
class WarmStartTest {

    @Test
    void theBuiltInScenarioReadsWithoutProblems() {
        assertTrue(ScenarioLoader.warmUp(PolicyRegistry.load(WarmStartTest.class.getClassLoader())));
    }

    @Test
    void theEmptyReplicationRuns() {
        assertTrue(Kernel.warmUp());
    }

    @Test
    void theSummaryAndThePageAreWritten() {
        assertDoesNotThrow(() -> IndexPage.warmUp());
    }
}
