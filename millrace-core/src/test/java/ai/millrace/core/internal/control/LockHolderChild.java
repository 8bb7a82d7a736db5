package ai.millrace.core.internal.control;

import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Child JVM for {@link OwnershipLockTest}: takes ownership of a workspace and holds the control
 * lock until a line arrives on stdin, then releases the control lock (but keeps ownership) and
 * waits for stdin to close. Args: workspace root, session id.
 */
public final class LockHolderChild {
    private LockHolderChild() {
    }

    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        WorkspacePaths paths = WorkspacePaths.of(Path.of(args[0]));
        OwnershipLock lock = new OwnershipLock(paths, AtomicFiles.DURABLE, Clock.systemUTC(), Duration.ofMinutes(5));
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            lock.acquire(args[1]);
            out.println("owned");
            System.in.read();
        }
        out.println("released control lock");
        while (System.in.read() >= 0) {
            // Hold ownership until killed.
        }
    }
}
