package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.capsim.metrics.ReplicationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work folders beside a report: a live run's is never touched, a dead one's is resumed or removed. */
class WorkFolderTest {

    /** No manifest entry may change: each must match for a rerun to resume. */
    private static final java.util.Set<String> NONE_MAY_CHANGE = java.util.Set.of();

    @TempDir
    Path dir;

    /** A work folder as a killed run leaves it: a lock file that no process holds. */
    private Path dead(String name, Map<String, String> manifest) throws IOException {
        Path work = Files.createDirectories(dir.resolve(name));
        Files.writeString(work.resolve(RunLock.FILE), "pid 1\nstarted 2026-01-01T00:00:00Z\n");
        Files.writeString(work.resolve("jobs.csv"), "half written");
        if (manifest != null) {
            Files.createDirectories(work.resolve(".capsim-resume"));
            StringBuilder text = new StringBuilder();
            manifest.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(work.resolve(".capsim-resume").resolve("manifest"), text);
        }
        return work;
    }

    private static Map<String, String> manifest(String scenario, String seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("--seed", seed);
        return m;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDeadRunsFolderIsRemovedAndALiveOnesNever() throws IOException {
        Path target = dir.resolve("report");
        Path gone = dead(".report.tmp-dead", null);
        Path live = dead(".report.tmp-live", null);
        try (FileChannel channel = FileChannel.open(live.resolve(RunLock.FILE), StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            // the live one is held (here by this test, as a running capsim would): nothing is removed
            ReportFolder.Busy busy = assertThrows(ReportFolder.Busy.class, () -> ReportFolder.create(target));
            assertTrue(busy.getMessage().contains("another capsim run is writing"), busy.getMessage());
            assertTrue(Files.exists(live.resolve("jobs.csv")));
            assertTrue(Files.exists(gone.resolve("jobs.csv")), "nothing is removed while another run writes there");
        }
        // the live one died (its lock is free now): both go, and the new run writes
        try (ReportFolder next = ReportFolder.create(target)) {
            assertFalse(Files.exists(gone));
            assertFalse(Files.exists(live));
            Files.writeString(next.dir().resolve("jobs.csv"), "whole");
            next.commit();
        }
        assertEquals(List.of("report"), names());
        assertEquals(List.of("jobs.csv"), Files.list(target).map(p -> p.getFileName().toString()).toList(),
                "no lock file or resume folder in the report");
    }

    @Test
    void aFolderAKillLeftBeforeItsRenameIsRemovedOnceItIsAMinuteOld() throws IOException {
        Path target = dir.resolve("report");
        Path old = dead(".report.new-old", null);
        Path young = dead(".report.new-young", null);
        Path live = dead(".report.new-live", null);
        FileTime twoMinutesAgo = FileTime.fromMillis(System.currentTimeMillis() - 120_000);
        Files.setLastModifiedTime(old, twoMinutesAgo);
        Files.setLastModifiedTime(live, twoMinutesAgo);
        try (FileChannel channel = FileChannel.open(live.resolve(RunLock.FILE), StandardOpenOption.WRITE);
                FileLock held = channel.lock();
                ReportFolder next = ReportFolder.create(target)) {
            assertFalse(Files.exists(old), "unlocked and old: a killed run's");
            assertTrue(Files.exists(young), "a run may be making it now");
            assertTrue(Files.exists(live), "locked: a run is making it now");
            next.commit();
        }
    }

    @Test
    void theSameStudyResumesAndAnotherIsRefusedNamingTheChange() throws IOException {
        Path target = dir.resolve("report");
        Path work = dead(".report.tmp-1", manifest("abc", "1"));
        ReportFolder.ResumeRefused refused = assertThrows(ReportFolder.ResumeRefused.class,
                () -> ReportFolder.open(target, manifest("def", "1"), NONE_MAY_CHANGE, false));
        assertEquals("scenario", refused.key());
        assertEquals("abc", refused.then());
        assertEquals("def", refused.now());
        assertTrue(Files.exists(work.resolve("jobs.csv")), "a refused resume keeps the folder");
        refused = assertThrows(ReportFolder.ResumeRefused.class,
                () -> ReportFolder.open(target, manifest("abc", "2"), NONE_MAY_CHANGE, false));
        assertEquals("--seed", refused.key());
        try (ReportFolder same = ReportFolder.open(target, manifest("abc", "1"), NONE_MAY_CHANGE, false)) {
            assertTrue(same.resumed());
            assertEquals(work.toAbsolutePath(), same.dir());
            assertEquals("half written", Files.readString(same.dir().resolve("jobs.csv")));
            assertTrue(Files.readString(same.dir().resolve(RunLock.FILE)).contains("pid " + ProcessHandle.current().pid()));
        }
        dead(".report.tmp-2", manifest("abc", "1"));
        try (ReportFolder fresh = ReportFolder.open(target, manifest("def", "1"), NONE_MAY_CHANGE, true)) {
            assertFalse(fresh.resumed());
            assertFalse(Files.exists(dir.resolve(".report.tmp-2")), "--fresh removes the interrupted run's folder");
            assertEquals(List.of("manifest"), Files.list(fresh.resumeDir()).map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aKeyThatMayChangeResumesAndTheManifestTakesItsNewValue() throws IOException {
        Path target = dir.resolve("report");
        Map<String, String> then = manifest("abc", "1");
        then.put("--replications", "40");
        dead(".report.tmp-1", then);
        Map<String, String> now = manifest("abc", "1");
        now.put("--replications", "5");
        assertThrows(ReportFolder.ResumeRefused.class, () -> ReportFolder.open(target, now, NONE_MAY_CHANGE, false),
                "without leave to change, the count is part of the study");
        Map<String, String> otherSeed = manifest("abc", "2");
        otherSeed.put("--replications", "5");
        assertThrows(ReportFolder.ResumeRefused.class,
                () -> ReportFolder.open(target, otherSeed, java.util.Set.of("--replications"), false),
                "leave to change one key is not leave to change another");
        try (ReportFolder resumed = ReportFolder.open(target, now, java.util.Set.of("--replications"), false)) {
            assertTrue(resumed.resumed());
            assertTrue(Files.readString(resumed.resumeDir().resolve("manifest")).contains("--replications=5\n"),
                    "the manifest records the study as it goes on");
        }
    }

    @Test
    void aLogReadForFewerReplicationsDropsTheRestAndGivesTheFilesLengthsThen() throws IOException {
        Path file = dir.resolve("point-0001.log");
        try (ResumeLog log = ResumeLog.open(file, 1)) {
            for (int r = 1; r <= 3; r++) {
                log.result(0, result(r, r));
                log.rowsWritten(r, 100L * r, 1000L * r);
            }
        }
        try (ResumeLog log = ResumeLog.open(file, 1, 2)) {
            assertEquals(2, log.resumedReplications());
            assertEquals(200, log.jobsBytes());
            assertEquals(2000, log.sitesBytes());
            assertEquals(List.of(List.of(result(1, 1), result(2, 2))), log.resumedResults());
        }
        try (ResumeLog log = ResumeLog.open(file, 1)) {
            assertEquals(2, log.resumedReplications(), "the third line is gone from the file");
        }
    }

    @Test
    void theLogKeepsWholeReplicationsOnlyAndTheirResultsExactly() throws IOException {
        Path file = dir.resolve("point-0001.log");
        ReplicationResult first = result(1, 0.1 + 0.2);
        ReplicationResult second = result(1, Double.NaN);
        try (ResumeLog log = ResumeLog.open(file, 2)) {
            assertEquals(0, log.resumedReplications());
            log.result(1, second);
            log.rowsWritten(1, 100, 200);
            assertEquals(0, Files.size(file), "not logged before every arm's result is in");
            log.result(0, first);
            log.result(0, result(2, 7));
            log.rowsWritten(2, 300, 400); // replication 2 of arm 1 never comes: the kill
        }
        long whole = Files.size(file);
        Files.write(file, "AAAA".getBytes(), StandardOpenOption.APPEND); // a line cut short
        try (ResumeLog log = ResumeLog.open(file, 2)) {
            assertEquals(1, log.resumedReplications());
            assertEquals(100, log.jobsBytes());
            assertEquals(200, log.sitesBytes());
            assertEquals(List.of(List.of(first), List.of(second)), log.resumedResults());
        }
        assertEquals(whole, Files.size(file), "the cut line is removed");
    }

    private static ReplicationResult result(int replication, double wait) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("wait_h_mean", wait);
        metrics.put("jobs", 3.0);
        return new ReplicationResult(replication, metrics, Map.of("train", Map.of("wait_h_mean", wait)), Map.of(),
                Map.of("s1", Map.of("utilization", 0.5)), 1234L, -99L);
    }
}
