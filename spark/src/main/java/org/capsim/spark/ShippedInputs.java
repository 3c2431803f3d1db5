package org.capsim.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.capsim.experiment.StudyRecipe;

/**
 * A study's inputs (scenario, traces, data files, policy jars) shipped to a cluster's executors
 * as one zip archive, laid out as on the driver below their common folder {@code root}, so that
 * a trace named relative to the scenario is found the same way. Executors need no shared file
 * system (YARN, Kubernetes).
 *
 * @param archive the archive's file name, which executors find it under (SparkFiles)
 * @param root    the driver's folder that the archive's paths are relative to
 */
record ShippedInputs(String archive, String root) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Writes the archive of {@code inputs} (absolute paths) into {@code folder}. */
    static ShippedInputs pack(List<Path> inputs, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            files.add(input.toAbsolutePath().normalize());
        }
        Path root = commonFolder(files);
        Path zip = folder.resolve("capsim-inputs.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            for (Path file : files) {
                archive.putNextEntry(new ZipEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, archive);
                archive.closeEntry();
            }
        }
        return new ShippedInputs(zip.toString(), root.toString());
    }

    /** The deepest folder holding every file. */
    static Path commonFolder(List<Path> files) {
        Path common = files.get(0).getParent();
        for (Path file : files) {
            while (!file.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }

    /** The archive's name as executors know it. */
    String name() {
        return Path.of(archive).getFileName().toString();
    }

    /** {@code recipe} reading its files from {@code unpacked}, where an executor unpacked the archive. */
    StudyRecipe localize(StudyRecipe recipe, Path unpacked) {
        Path from = Path.of(root);
        UnaryOperator<String> local = file -> {
            Path path = Path.of(file).toAbsolutePath().normalize();
            return path.startsWith(from) ? unpacked.resolve(from.relativize(path).toString()).toString() : file;
        };
        String classpath = recipe.classpath() == null ? null
                : String.join(File.pathSeparator, java.util.Arrays.stream(recipe.classpath().split(File.pathSeparator))
                        .filter(entry -> !entry.isBlank()).map(local).toList());
        return new StudyRecipe(local.apply(recipe.scenarioFile()), recipe.policies(), recipe.set(), classpath,
                recipe.replications(), recipe.seed(), recipe.threads(), recipe.sampleHours());
    }
}
