package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.harness.AtomicWrite;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The event lines of one session, streamed to a temporary file as they arrive and, at the end,
 * either published atomically as {@code runner_events.<id>.jsonl} or thrown away.
 *
 * <p>Lines are written as received, each followed by {@code \n}; {@code message_update} records
 * never reach this class. If writing fails the log is abandoned quietly (it is a diagnostic, not a
 * result). Used by one thread.
 */
public final class EventLog implements AutoCloseable {
    private final Path target;
    private Path temp;
    private BufferedWriter writer;
    private long lines;
    private boolean broken;

    /**
     * Creates a log that will publish to {@code target}. Nothing is written until the first line.
     *
     * @param target the final path, never null
     */
    public EventLog(Path target) {
        this.target = target;
    }

    /**
     * Appends one event line.
     *
     * @param raw the line without its newline, never null
     */
    public void append(String raw) {
        if (broken) {
            return;
        }
        try {
            if (writer == null) {
                temp = AtomicWrite.tempSibling(target);
                writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            }
            writer.write(raw);
            writer.write('\n');
            lines++;
        } catch (IOException e) {
            broken = true;
        }
    }

    /**
     * Returns how many lines were appended.
     *
     * @return the count
     */
    public long lines() {
        return lines;
    }

    /**
     * Ends the log: publishes it when {@code keep} is true and it has at least one line, otherwise
     * deletes the temporary file.
     *
     * @param keep whether the policy keeps the log for this run
     * @return the published file, or null when none was written
     */
    public Path finish(boolean keep) {
        try {
            closeWriter();
            if (keep && lines > 0 && !broken) {
                AtomicWrite.commit(temp, target);
                temp = null;
                return target;
            }
            return null;
        } catch (IOException e) {
            return null;
        } finally {
            deleteTemp();
        }
    }

    /** Deletes the temporary file if {@link #finish(boolean)} did not publish it. */
    @Override
    public void close() {
        try {
            closeWriter();
        } catch (IOException e) {
            // Nothing to keep.
        }
        deleteTemp();
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            BufferedWriter w = writer;
            writer = null;
            w.close();
        }
    }

    private void deleteTemp() {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // A stray temp file is harmless.
            }
            temp = null;
        }
    }
}
