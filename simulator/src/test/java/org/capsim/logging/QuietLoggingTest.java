package org.capsim.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Libraries' log lines reach standard error as "LEVEL Logger: message", warnings and up only. */
class QuietLoggingTest {

    @Test
    void warningsAndErrorsOnlyInOneLineEach() {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Logger logger = LoggerFactory.getLogger("org.example.sim.Engine");
            logger.info("not shown");
            logger.debug("not shown either");
            logger.warn("running {} replications", 3);
            logger.error("gave up");
        } finally {
            System.setErr(before);
        }
        String n = System.lineSeparator();
        assertEquals("WARN Engine: running 3 replications" + n + "ERROR Engine: gave up" + n,
                captured.toString(StandardCharsets.UTF_8));
    }
}
