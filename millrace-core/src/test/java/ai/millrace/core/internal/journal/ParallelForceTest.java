package ai.millrace.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forcing a checkpoint's files on several threads: all forced, failures reported, threads ended. */
class ParallelForceTest {
    @TempDir
    Path dir;

    private List<Path> files(int count) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path run = Files.createDirectories(dir.resolve("run-" + i));
            paths.add(run);
            paths.add(Files.writeString(run.resolve("result.json"), "{}"));
        }
        paths.add(dir.resolve("gone.json")); // written, then removed by a later transition
        return paths;
    }

    // A name of this test's own, so checkpoint threads of other tests in the JVM do not count.
    private static final String THREADS = "parallel-force-test-";

    private static long checkpointThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(THREADS) && t.isAlive()).count();
    }

    @Test
    void forcesEveryFileAndFolderOnThreadsThatEndOnClose() throws Exception {
        ParallelForce force = new ParallelForce(true, AtomicFiles.DURABLE::force, THREADS);
        force.forceAll(files(20));
        assertTrue(checkpointThreads() > 0, "a large checkpoint is forced on the checkpoint threads");
        force.close();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(THREADS)) {
                t.join(10_000);
            }
        }
        assertEquals(0, checkpointThreads(), "close ends the threads");
    }

    @Test
    void aSmallCheckpointStaysOnTheCallingThread() throws Exception {
        try (ParallelForce force = new ParallelForce(true, AtomicFiles.DURABLE::force, THREADS)) {
            force.forceAll(files(2));
            assertEquals(0, checkpointThreads());
        }
    }

    @Test
    void aFileThatCannotBeForcedFailsTheWholeCallAfterTheOthersFinish() throws Exception {
        List<Path> paths = files(10);
        Path broken = paths.get(5);
        Set<Path> forced = ConcurrentHashMap.newKeySet();
        ParallelForce force = new ParallelForce(true, p -> {
            if (p.equals(broken)) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot force " + p + " to disk: I/O error");
            }
            forced.add(p);
        }, THREADS);
        try (force) {
            MillraceException e = assertThrows(MillraceException.class, () -> force.forceAll(paths));
            assertEquals(ErrorCode.STORAGE_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
        }
        assertEquals(paths.size() - 1, forced.size(), "every other path was still forced");
    }

    @Test
    void withoutFsyncNothingIsForced() throws Exception {
        List<Path> forced = new ArrayList<>();
        new ParallelForce(false, forced::add, THREADS).forceAll(files(10));
        assertEquals(List.of(), forced);
    }
}
