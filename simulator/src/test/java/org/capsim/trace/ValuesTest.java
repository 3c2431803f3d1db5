package org.capsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The values the formats share (times, sacct durations) and the readers' edge cases, against plain ways. */
class ValuesTest {

    @Test
    void timestampsAreSecondsSince1970AsJavaTimeReadsThem() {
        for (String text : List.of("2024-03-01T12:00:00Z", "2023-03-01T00:18:22+08:00", "2017-10-07T01:11:39-07:00",
                "2024-02-29T23:59:59+00:00", "1999-12-31T00:00:00.5+05:30")) {
            assertEquals(OffsetDateTime.parse(text).toEpochSecond(), Values.timestamp(text), text);
        }
        assertEquals(OffsetDateTime.parse("2024-03-01T12:00:00Z").toEpochSecond(), Values.timestamp("2024-03-01 12:00:00"));
        assertEquals(OffsetDateTime.parse("2023-03-01T00:18:22+08:00").toEpochSecond(),
                Values.timestamp(" 2023-03-01 00:18:22+0800 "));
        // seconds since 1970, as SLURM_TIME_FORMAT=%s or a cluster log's epoch column gives them
        assertEquals(OffsetDateTime.parse("2020-04-01T00:00:00Z").toEpochSecond(), Values.timestamp("1585699200"));
        assertEquals(1585699200L, Values.timestamp(" 1585699200.75 "));
        assertEquals(0, Values.timestamp("0"));
        for (String bad : List.of("", "-5", "1e9", "12.", "1234567890123", "2024-02-30 00:00:00", "2024-03-01 24:00:00", "2024-03-01", "03/01/2024 12:00:00",
                "2024-03-01 12:00:00+25:00", "2024-03-01 12:00:00 UTC", "2024-03-01T12:00:00.", "Unknown")) {
            assertEquals(Values.BAD, Values.timestamp(bad), bad);
        }
    }

    @Test
    void sacctDurationsAreDaysHoursMinutesSeconds() {
        assertEquals(93_784, Values.elapsed("1-02:03:04"));
        assertEquals(7_384, Values.elapsed("02:03:04"));
        assertEquals(184, Values.elapsed("03:04"));
        assertEquals(184, Values.elapsed("03:04.250"));
        assertEquals(30 * 86_400 + 59, Values.elapsed("30-00:00:59"));
        for (String bad : List.of("", "1:75:00", "1-02:03", "abc", "1-", "-01:00:00", "01:00:00:00", "60:00")) {
            assertEquals(Values.BAD, Values.elapsed(bad), bad);
        }
    }

    /** What a reader gave: one line per job or skip, and the problems. */
    private static List<String> read(FormatReader reader, String text) throws IOException {
        List<String> seen = new ArrayList<>();
        reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new JobSink() {
            public void job(long line, CharSequence id, double submit, int gpus, double run) {
                seen.add(line + " job " + id + " " + (long) submit + " " + gpus + " " + (long) run);
            }

            public void skipped(long line, SkipReason reason) {
                seen.add(line + " skip " + reason.key());
            }

            public void problem(long line, String where, String message) {
                seen.add(line + " problem " + where);
            }
        });
        return seen;
    }

    @Test
    void swfTakesCommentsTabsAndCrLfAnywhereAndField8WhereField5IsMissing() throws IOException {
        String swf = "; header\r\n1\t0 5 3600 8 -1 -1 8 7200 -1 1 1 1 -1 1 -1 -1 -1\r\n\r\n; a note between jobs\r\n"
                + "  2 60 5 60 -1 -1 -1 4 7200 -1 1 1 1 -1 1 -1 -1 -1   \r\n3 90 5 0 2 -1 -1 2 7200 -1 1 1 1 -1 1 -1 -1 -1";
        assertEquals(List.of("2 job 1 0 8 3600", "5 job 2 60 4 60", "6 skip no_run_time"), read(new SwfReader(), swf));
    }

    @Test
    void slurmSumsTypedGpusSkipsStepsAndReadsEndMinusStart() throws IOException {
        String sacct = "JobID|Submit|Start|End|AllocTRES\n"
                + "7_1|2024-03-01T00:00:00|2024-03-01T00:00:10|2024-03-01T01:00:10|cpu=8,gres/gpu:a100=2,gres/gpu:h100=4\n"
                + "7_1.batch|2024-03-01T00:00:10|2024-03-01T00:00:10|2024-03-01T01:00:10|gres/gpu=6\n"
                + "8|2024-03-01T00:01:00|Unknown|Unknown|gres/gpu=8\n";
        assertEquals(List.of("2 job 7_1 1709251200 6 3600", "3 skip job_step", "4 skip no_run_time"),
                read(new SacctReader(), sacct));
    }

    @Test
    void phillyCountsTheLargestAttemptsGpusAndSumsFinishedAttempts() throws IOException {
        String json = """
                [ { "jobid": "a", "submitted_time": "2017-10-07 01:11:39", "status": "Pass",
                    "attempts": [ { "start_time": "2017-10-07 01:12:09", "end_time": "2017-10-07 01:13:23",
                                    "detail": [ { "ip": "m1", "gpus": ["gpu0"] } ] },
                                  { "start_time": "2017-10-07 02:00:00", "end_time": "None",
                                    "detail": [ { "ip": "m2", "gpus": ["gpu0", "gpu1"] }, { "ip": "m3", "gpus": ["gpu0"] } ] } ] },
                  { "jobid": "b", "submitted_time": "2017-10-07 03:00:00", "attempts": [] } ]
                """;
        long submit = OffsetDateTime.parse("2017-10-07T01:11:39Z").toEpochSecond();
        assertEquals(List.of("1 job a " + submit + " 3 74", "6 skip no_gpus"), read(new PhillyReader(), json));
    }
}
