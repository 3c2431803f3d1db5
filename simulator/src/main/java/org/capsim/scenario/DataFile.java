package org.capsim.scenario;

import java.nio.file.Path;

/**
 * A trace or data file a scenario read, for the report's provenance and for finding it again.
 *
 * @param name  the file as the scenario names it (relative to the scenario's folder, or absolute)
 * @param path  where it was read
 * @param trace whether it is a job trace (its rows are in the {@link Scenario}); else a data file,
 *              such as an empirical distribution's CSV
 */
public record DataFile(String name, Path path, boolean trace) {
}
