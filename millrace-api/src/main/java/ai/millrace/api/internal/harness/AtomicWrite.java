package ai.millrace.api.internal.harness;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see the old content or the new, never a part: a temporary file in
 * the same folder, written and forced to disk, then renamed over the target, then the folder is
 * forced (best effort; some file systems refuse to open a folder for that).
 *
 * <p>Content goes through {@link FileOutputStream}, not an NIO channel, so a write still succeeds
 * when the calling thread has been interrupted (a cancelled stage still leaves its artifacts).
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /**
     * Writes text as UTF-8.
     *
     * @param target the file
     * @param text the content
     * @throws IOException when the write fails; the target is then unchanged
     */
    public static void text(Path target, String text) throws IOException {
        bytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes.
     *
     * @param target the file
     * @param content the content
     * @throws IOException when the write fails; the target is then unchanged
     */
    public static void bytes(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Copies a file's content into {@code target}, streaming.
     *
     * @param source the file to copy
     * @param target the file to write
     * @throws IOException when the copy fails; the target is then unchanged
     */
    public static void copy(Path source, Path target) throws IOException {
        write(target, out -> {
            try (InputStream in = new FileInputStream(source.toFile())) {
                in.transferTo(out);
            }
        });
    }

    /**
     * Reads a whole file through a plain stream (safe on an interrupted thread).
     *
     * @param file the file
     * @return its bytes
     * @throws IOException when it cannot be read
     */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        }
    }

    /**
     * Returns a fresh temporary path next to {@code target} (same folder, so the final rename stays
     * on one file system), creating the folder when missing; for content streamed over time, such
     * as an event log, then published with {@link #commit(Path, Path)}.
     *
     * @param target the eventual file
     * @return a path that does not exist yet
     * @throws IOException when the folder cannot be created
     */
    public static Path tempSibling(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /**
     * Forces a finished temporary file to disk and renames it over {@code target}.
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
        forceDirectory(target.toAbsolutePath().getParent());
    }

    private interface Body {
        void writeTo(FileOutputStream out) throws IOException;
    }

    private static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                body.writeTo(out);
                out.flush();
                out.getFD().sync();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform lets a folder be opened; the rename itself is still atomic.
        }
    }
}
