package org.capsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.capsim.experiment.StudyRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedInputsTest {

    @TempDir
    Path tmp;

    /** The archive keeps the driver's layout below the inputs' common folder, so relative names still resolve. */
    @Test
    void archiveKeepsTheLayoutAndTheRecipeReadsFromIt() throws IOException {
        Path scenario = write("study/scenarios/a.yaml", "scenario");
        Path trace = write("study/traces/t.swf", "trace");
        Path jar = write("study/policies/p.jar", "jar");
        Path out = Files.createDirectories(tmp.resolve("out"));
        ShippedInputs shipped = ShippedInputs.pack(List.of(scenario, trace, jar), out);

        assertEquals(tmp.resolve("study").toString(), shipped.root());
        assertEquals("capsim-inputs.zip", shipped.name());
        List<String> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of(shipped.archive())); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName() + "=" + new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("scenarios/a.yaml=scenario", "traces/t.swf=trace", "policies/p.jar=jar"), entries);

        Path unpacked = tmp.resolve("executor/capsim-inputs.zip");
        StudyRecipe recipe = new StudyRecipe(scenario.toString(), List.of("rofr"), List.of("seed=1,2"),
                jar + java.io.File.pathSeparator + "/elsewhere/q.jar", 4, 7L, null, null);
        StudyRecipe local = shipped.localize(recipe, unpacked);
        assertEquals(unpacked.resolve("scenarios/a.yaml").toString(), local.scenarioFile());
        assertEquals(unpacked.resolve("policies/p.jar") + java.io.File.pathSeparator + "/elsewhere/q.jar",
                local.classpath());
        assertEquals(new StudyRecipe(local.scenarioFile(), recipe.policies(), recipe.set(), local.classpath(), 4, 7L,
                null, null), local, "everything else as it was");
    }

    @Test
    void commonFolderOfFilesInDifferentBranches() {
        assertEquals(Path.of("/a"), ShippedInputs.commonFolder(List.of(Path.of("/a/b/c.yaml"), Path.of("/a/d/e.csv"))));
        assertEquals(Path.of("/a/b"), ShippedInputs.commonFolder(List.of(Path.of("/a/b/c.yaml"))));
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
