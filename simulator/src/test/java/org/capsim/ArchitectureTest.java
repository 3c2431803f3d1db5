package org.capsim;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: scenario -> experiment -> replication (model on the kernel) -> records and
 * metrics -> report. These rules fail the build when a class reaches against that flow.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.capsim");
    }

    /** Law: no two top-level packages depend on each other, directly or through others. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.capsim.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Law: reporting sees records, never a live model object, so a writer thread can never race
     * the simulation.
     */
    @Test
    void reportingNeverSeesTheLiveModel() {
        noClasses().that().resideInAPackage("org.capsim.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.capsim.cluster..", "org.capsim.replication..",
                        "org.capsim.engine..", "org.capsim.demand..")
                .because("a replication hands reports immutable records (org.capsim.record), not its pools and jobs")
                .check(classes);
    }

    /** Law: each layer is used only by the layers above it. */
    @Test
    void layersAreUsedOnlyFromAbove() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("org.capsim.cli..")
                .layer("report").definedBy("org.capsim.report..")
                .layer("experiment").definedBy("org.capsim.experiment..")
                .layer("replication").definedBy("org.capsim.replication..")
                .layer("metrics").definedBy("org.capsim.metrics..")
                .layer("cluster").definedBy("org.capsim.cluster..")
                .layer("demand").definedBy("org.capsim.demand..")
                .layer("engine").definedBy("org.capsim.engine..")
                .layer("scenario").definedBy("org.capsim.scenario..")
                .layer("policy").definedBy("org.capsim.policy..")
                .layer("record").definedBy("org.capsim.record..")
                .layer("workload").definedBy("org.capsim.workload..")
                .layer("csv").definedBy("org.capsim.csv..")
                .layer("trace").definedBy("org.capsim.trace..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("experiment").mayOnlyBeAccessedByLayers("cli", "report")
                .whereLayer("replication").mayOnlyBeAccessedByLayers("cli", "experiment")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("replication")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("replication", "cluster", "demand", "experiment")
                .whereLayer("demand").mayOnlyBeAccessedByLayers("replication", "cluster", "scenario")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("cli", "report", "experiment", "replication", "scenario")
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("cli", "report", "experiment", "replication")
                .whereLayer("record").mayOnlyBeAccessedByLayers("cli", "report", "experiment", "replication", "metrics",
                        "policy")
                .whereLayer("csv").mayOnlyBeAccessedByLayers("scenario", "report", "trace")
                .whereLayer("trace").mayOnlyBeAccessedByLayers("cli", "scenario", "report")
                .check(classes);
    }
}
