package ai.millrace.core.internal.state;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;

/**
 * Repairs the torn last line a crash can leave at the end of an append-only JSON-lines file.
 *
 * <p>A line is torn when the file does not end with a newline, or when its last complete line is
 * not a JSON object (the bytes reached the disk out of order). The damaged bytes are first saved
 * to a side file {@code <name>.torn-<epoch-millis>[-n]} next to the log, then the log is
 * truncated to the end of its last good line. A crash between the two steps only saves the same
 * bytes twice. Not thread-safe: call it before anyone appends.
 */
public final class TornTailRepair {
    private static final int CHUNK = 8192;

    private TornTailRepair() {
    }

    /**
     * What a repair did.
     *
     * @param sideFile where the damaged bytes were saved
     * @param removedBytes how many bytes were cut from the log
     */
    public record Repaired(Path sideFile, long removedBytes) {
    }

    /**
     * Checks the end of a JSON-lines file and repairs it if torn.
     *
     * @param file the log; nothing happens when it is missing or empty
     * @param files the write strategy for the side file and the truncation
     * @param clock names the side file
     * @return the repair, or empty when the file was sound
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} when the file cannot be read or cut
     */
    public static Optional<Repaired> repair(Path file, AtomicFiles files, Clock clock) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return Optional.empty();
            }
            long keep = goodLength(ch, size);
            if (keep == size) {
                return Optional.empty();
            }
            byte[] damaged = new byte[(int) Math.min(size - keep, Integer.MAX_VALUE - 16)];
            readFully(ch, keep, damaged);
            Path side = sideFile(file, clock);
            files.write(side, damaged);
            ch.truncate(keep);
            if (files.isDurable()) {
                ch.force(true);
            }
            return Optional.of(new Repaired(side, size - keep));
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED,
                    "cannot repair the end of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the length of the file up to and including its last sound line. */
    private static long goodLength(FileChannel ch, long size) throws IOException {
        long lastNewline = lastNewlineBefore(ch, size);
        if (lastNewline != size - 1) {
            // No newline at the very end: everything after the last newline is torn.
            return lastNewline + 1;
        }
        long previous = lastNewlineBefore(ch, size - 1);
        byte[] line = new byte[(int) (size - 1 - (previous + 1))];
        readFully(ch, previous + 1, line);
        return isJsonObject(line) ? size : previous + 1;
    }

    private static boolean isJsonObject(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return true;
        }
        try {
            return MillraceJson.readTree(text, "line").isObject();
        } catch (MillraceException e) {
            return false;
        }
    }

    /** Returns the position of the last {@code \n} before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
        long pos = end;
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (pos > 0) {
            int len = (int) Math.min(CHUNK, pos);
            long start = pos - len;
            buffer.clear().limit(len);
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, start + buffer.position()) < 0) {
                    break;
                }
            }
            for (int i = len - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i;
                }
            }
            pos = start;
        }
        return -1;
    }

    private static void readFully(FileChannel ch, long position, byte[] into) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
    }

    /**
     * Names a free side file {@code <name>.torn-<epoch-millis>[-n]} next to a log.
     *
     * @param file the log
     * @param clock gives the time in the name
     * @return a path that does not exist yet
     */
    public static Path sideFile(Path file, Clock clock) {
        String base = file.getFileName() + ".torn-" + clock.millis();
        Path candidate = file.resolveSibling(base);
        for (int n = 1; Files.exists(candidate); n++) {
            candidate = file.resolveSibling(base + "-" + n);
        }
        return candidate;
    }
}
