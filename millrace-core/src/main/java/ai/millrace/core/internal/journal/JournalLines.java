package ai.millrace.core.internal.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the lines of the transition journal. The journal is preallocated with newline padding
 * (see {@link TransitionJournal}), so the padding after the last record is cut before the text is
 * split; line numbers still match the file. Stateless.
 */
public final class JournalLines {
    private JournalLines() {
    }

    /**
     * Reads the journal's lines up to its last non-blank one.
     *
     * @param file the journal
     * @return the lines, blank ones included so that index + 1 is the line number; empty when the
     *     file is missing
     * @throws IOException when the file cannot be read
     */
    public static List<String> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        int end = contentEnd(bytes, bytes.length);
        if (end == 0) {
            return List.of();
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * Returns the length of the content before the trailing padding (newlines and NULs, which a
     * file system can leave after a crash in a preallocated file).
     *
     * @param bytes the file's bytes
     * @param length how many of them to consider
     * @return the end of the last byte that is not padding, exclusive
     */
    static int contentEnd(byte[] bytes, int length) {
        int end = length;
        while (end > 0 && isPadding(bytes[end - 1])) {
            end--;
        }
        return end;
    }

    static boolean isPadding(byte b) {
        return b == '\n' || b == 0 || b == '\r' || b == ' ';
    }
}
