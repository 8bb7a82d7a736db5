package ai.millrace.harness.pi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that a reader sees either the old content or the whole new content: the bytes go
 * to a temporary sibling, are forced to disk, and the sibling is renamed over the target.
 *
 * <p>Stateless and thread-safe; concurrent writers of the same target each win atomically, the
 * last rename being kept.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes UTF-8 text atomically, creating the parent folder when missing.
     *
     * @param target the file to write, never null
     * @param text the content, never null; written as is (no newline added)
     * @throws IOException when the file cannot be written
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes atomically, creating the parent folder when missing.
     *
     * @param target the file to write, never null
     * @param bytes the content, never null
     * @throws IOException when the file cannot be written
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temp = tempSibling(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            commit(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Returns a fresh temporary path next to {@code target} (same folder, so the rename stays on one
     * file system), creating the folder when missing. The file itself is not created.
     *
     * @param target the eventual file, never null
     * @return a path that does not exist yet
     * @throws IOException when the folder cannot be created
     */
    public static Path tempSibling(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /**
     * Forces a finished temporary file to disk and renames it over {@code target}, atomically where
     * the file system allows it.
     *
     * @param temp the complete temporary file, in the target's folder
     * @param target the file to replace
     * @throws IOException when the file cannot be synced or moved
     */
    public static void commit(Path temp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can sync a folder; the rename itself is still atomic.
        }
    }
}
