package ai.millrace.core.internal.control;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control lock: an OS file lock on {@code state/.control.lock} that serializes control writes
 * between processes. Offline control commands hold it while they check that no daemon owns the
 * workspace and mutate state directly; a starting daemon holds it while it takes ownership and
 * drains the mailbox. So a direct write either finishes before the daemon reads the state, or
 * sees the daemon's lock and goes to the mailbox instead; it is never lost.
 *
 * <p>Reentrant for the thread that holds it, and exclusive between threads of one JVM too (an OS
 * file lock alone is per process). Close it to release; use try-with-resources.
 */
public final class ControlFileLock implements AutoCloseable {
    /** The lock file's name in the state folder. */
    public static final String FILE_NAME = ".control.lock";

    private static final ConcurrentHashMap<Path, Holder> HOLDERS = new ConcurrentHashMap<>();

    private final Holder holder;
    private boolean closed;

    private ControlFileLock(Holder holder) {
        this.holder = holder;
    }

    /**
     * Takes the control lock, waiting for other processes and threads to release it.
     *
     * @param paths the workspace
     * @return the held lock
     * @throws MillraceException STORAGE_FAILED when the lock file cannot be opened or locked
     */
    public static ControlFileLock acquire(WorkspacePaths paths) {
        Holder holder = holder(paths);
        holder.jvm.lock();
        try {
            if (holder.jvm.getHoldCount() == 1) {
                holder.open(false);
            }
            return new ControlFileLock(holder);
        } catch (RuntimeException e) {
            holder.jvm.unlock();
            throw e;
        }
    }

    /**
     * Takes the control lock only if it is free now.
     *
     * @param paths the workspace
     * @return the held lock, or empty when another thread or process holds it
     */
    public static Optional<ControlFileLock> tryAcquire(WorkspacePaths paths) {
        Holder holder = holder(paths);
        if (!holder.jvm.tryLock()) {
            return Optional.empty();
        }
        try {
            if (holder.jvm.getHoldCount() == 1 && !holder.open(true)) {
                holder.jvm.unlock();
                return Optional.empty();
            }
            return Optional.of(new ControlFileLock(holder));
        } catch (RuntimeException e) {
            holder.jvm.unlock();
            throw e;
        }
    }

    /** Releases this hold; the OS lock goes when the outermost hold is released. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (holder.jvm.getHoldCount() == 1) {
                holder.release();
            }
        } finally {
            holder.jvm.unlock();
        }
    }

    private static Holder holder(WorkspacePaths paths) {
        Path file = paths.stateDir().resolve(FILE_NAME).toAbsolutePath().normalize();
        return HOLDERS.computeIfAbsent(file, Holder::new);
    }

    /** The per-file JVM lock plus the OS lock while held. */
    private static final class Holder {
        final ReentrantLock jvm = new ReentrantLock();
        final Path file;
        FileChannel channel;
        FileLock lock;

        Holder(Path file) {
            this.file = file;
        }

        boolean open(boolean tryOnly) {
            try {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = tryOnly ? channel.tryLock() : channel.lock();
                if (lock == null) {
                    channel.close();
                    channel = null;
                    return false;
                }
                return true;
            } catch (IOException e) {
                closeQuietly();
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot lock " + file + ": " + e.getMessage(), e);
            }
        }

        void release() {
            try {
                if (lock != null) {
                    lock.release();
                }
            } catch (IOException e) {
                // Closing the channel below releases the lock anyway.
            } finally {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // Nothing more to release.
            }
            channel = null;
            lock = null;
        }
    }
}
