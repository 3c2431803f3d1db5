package org.capsim.scenario;

import java.nio.file.Path;

/**
 * A trace or data file a scenario read, for the report's provenance and for finding it again.
 *
 * @param name the file as the scenario names it (relative to the scenario's folder, or absolute)
 * @param path where it was read
 */
public record DataFile(String name, Path path) {
}
