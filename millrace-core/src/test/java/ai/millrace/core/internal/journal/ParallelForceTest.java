package ai.millrace.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
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
        ParallelForce force = new ParallelForce(AtomicFiles.DURABLE, THREADS);
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
        try (ParallelForce force = new ParallelForce(AtomicFiles.DURABLE, THREADS)) {
            force.forceAll(files(2));
            assertEquals(0, checkpointThreads());
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "needs a Unix domain socket file, which cannot be opened as a file")
    void aFileThatCannotBeForcedFailsTheWholeCallAfterTheOthersFinish() throws Exception {
        List<Path> paths = files(10);
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ParallelForce force = new ParallelForce(AtomicFiles.DURABLE, THREADS)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            paths.add(5, socket);
            MillraceException e = assertThrows(MillraceException.class, () -> force.forceAll(paths));
            assertEquals(ErrorCode.STORAGE_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
        }
    }

    @Test
    void withoutFsyncNothingIsOpened() throws Exception {
        List<Path> paths = files(10);
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            paths.add(socket);
            new ParallelForce(AtomicFiles.NO_FSYNC).forceAll(paths); // would fail if it opened the socket
        }
    }
}
