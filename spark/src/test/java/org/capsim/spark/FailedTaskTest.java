package org.capsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

class FailedTaskTest {

    /** A task that failed for good is named by point, policy, replication and seed, out of Spark's long message. */
    @Test
    void namesTheReplication() {
        Exception spark = new Exception("Job aborted due to stage failure: Task 3 in stage 0.0 failed 4 times, most "
                + "recent failure: Lost task 3.3 (TID 9): java.lang.IllegalStateException: point 2, policy rofr, "
                + "replication 5, seed 42: java.lang.ArithmeticException: / by zero\n\tat org.capsim.X.y(X.java:1)");
        assertEquals("a Spark task failed for good: point 2, policy rofr, replication 5, seed 42: "
                + "java.lang.ArithmeticException: / by zero", SparkRunner.failed(spark).getMessage());
    }

    /** The report that cannot be written stays that failure (capsim says so, as with threads). */
    @Test
    void writeFailureStaysOne() {
        UncheckedIOException io = new UncheckedIOException(new IOException("No space left on device"));
        assertSame(io, SparkRunner.failed(new RuntimeException("driver", io)));
    }
}
