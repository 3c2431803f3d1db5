package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;

/** Reads one trace format from a stream, row by row, into a {@link JobSink}: it keeps no rows itself. */
public interface FormatReader {

    /**
     * Reads every row; every problem of the file goes to the sink (reading goes on past a bad row
     * where the format allows it).
     *
     * @throws IOException when the stream cannot be read
     */
    void read(InputStream in, JobSink sink) throws IOException;
}
