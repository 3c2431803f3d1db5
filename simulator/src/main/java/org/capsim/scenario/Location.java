package org.capsim.scenario;

/**
 * Where something is in an input file: 1-based line and column (0 when unknown).
 *
 * @param file the file as the user named it (relative paths stay relative)
 */
public record Location(String file, int line, int column) {

    /** {@code file:line:column}, or shorter when line or column are unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
