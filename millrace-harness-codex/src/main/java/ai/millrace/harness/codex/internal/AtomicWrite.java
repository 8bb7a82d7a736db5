package ai.millrace.harness.codex.internal;

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
