package ai.millrace.core.internal.journal;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.state.TornTailRepair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The redo journal {@code state/transition_journal.jsonl}: one {@link JournalRecord} per line.
 *
 * <p>The file is preallocated with newline padding ({@link #CHUNK} when fresh, doubling when
 * full), and records are written over the padding in place through one open channel. Forcing a
 * record then flushes data only: the file's size and block map do not change, so the file system
 * has no metadata to commit, which makes a forced record a fraction of the cost of a forced
 * append. Readers skip the blank padding lines. After a crash the tail may hold a torn record
 * (written but never forced, so none of its steps ran); opening saves those bytes to a side file
 * and blanks them.
 *
 * <p>Not thread-safe; the {@link TransitionRunner} serializes access.
 */
final class TransitionJournal implements AutoCloseable {
    /** The size of a fresh journal; it doubles when full, by at most {@link #MAX_GROWTH} at a time. */
    static final int CHUNK = 64 * 1024;
    static final int MAX_GROWTH = 4 << 20;
    /** The most preallocated space a compaction keeps. */
    static final int KEPT_CAPACITY = 8 << 20;

    private final Path file;
    private final AtomicFiles files;
    private final Clock clock;
    private FileChannel channel;
    private long position;
    private long capacity;
    private Optional<TornTailRepair.Repaired> repaired = Optional.empty();

    TransitionJournal(Path file, AtomicFiles files, Clock clock) {
        this.file = file;
        this.files = files;
        this.clock = clock;
    }

    /** Opens the journal, cutting a torn tail (an intent whose steps never ran). */
    Optional<TornTailRepair.Repaired> repairTail() {
        if (channel == null && Files.exists(file)) {
            open();
        }
        Optional<TornTailRepair.Repaired> done = repaired;
        repaired = Optional.empty();
        return done;
    }

    void append(JournalRecord record) {
        append(record, true);
    }

    // Only intents need forcing: a lost commit record just means the intent is replayed, and
    // replaying is idempotent. A forced record also forces every unforced one before it.
    void append(JournalRecord record, boolean force) {
        byte[] line = MillraceJson.writeLineBytes(record);
        open();
        try {
            if (position + line.length > capacity) {
                grow(position + line.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
            position += line.length;
            if (force && files.isDurable()) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the intents that have no commit, oldest first.
     *
     * @param unreadable collects a diagnostic per line that cannot be read
     * @return the pending intents
     */
    List<JournalRecord> pending(List<String> unreadable) {
        return intents(unreadable, false);
    }

    List<JournalRecord> intents(List<String> unreadable, boolean includeCommitted) {
        List<String> lines;
        try {
            lines = JournalLines.read(file);
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JournalRecord> intents = new ArrayList<>();
        Set<String> committed = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JournalRecord r = MillraceJson.read(lines.get(i), JournalRecord.class, file + ":" + (i + 1));
                if (JournalRecord.COMMIT.equals(r.type())) {
                    committed.add(r.txn());
                } else {
                    intents.add(r);
                }
            } catch (MillraceException | IllegalArgumentException e) {
                unreadable.add(e.getMessage());
            }
        }
        if (!includeCommitted) {
            intents.removeIf(r -> committed.contains(r.txn()));
        }
        return intents;
    }

    /** @return the bytes of records written since the journal was last emptied */
    long size() {
        if (channel == null) {
            if (!Files.exists(file)) {
                return 0;
            }
            open();
        }
        return position;
    }

    /**
     * Empties the journal; only when no intent is open. A fresh file of the same preallocated size
     * (at most {@link #KEPT_CAPACITY}) replaces it, so a busy runtime does not grow it again, one
     * metadata flush per doubling, after every checkpoint.
     */
    void compact() {
        dropBefore(size());
    }

    /**
     * Drops the records before a byte offset (a record boundary whose effects are all on disk); a
     * fresh file holding the later records, with the same preallocated space, replaces it. A crash
     * before the replacement leaves every record, which replays the same.
     *
     * @param offset a value {@link #size()} returned earlier
     */
    void dropBefore(long offset) {
        long end = size();
        if (offset <= 0 || offset > end) {
            return;
        }
        byte[] rest = new byte[(int) (end - offset)];
        try {
            ByteBuffer buffer = ByteBuffer.wrap(rest);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        long kept = Math.min(Math.max(capacity, CHUNK), KEPT_CAPACITY);
        byte[] content = padding((int) Math.max(kept, rest.length + (long) CHUNK));
        System.arraycopy(rest, 0, content, 0, rest.length);
        close();
        files.write(file, content);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot close " + file + ": " + e.getMessage(), e);
            } finally {
                channel = null;
            }
        }
    }

    private void open() {
        if (channel != null) {
            return;
        }
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                files.write(file, padding(CHUNK));
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            capacity = channel.size();
            byte[] bytes = Files.readAllBytes(file);
            position = endOfLastRecord(bytes);
            int contentEnd = JournalLines.contentEnd(bytes, bytes.length);
            repaired = Optional.empty();
            if (contentEnd > position) {
                blankTornTail(Arrays.copyOfRange(bytes, (int) position, contentEnd));
            }
        } catch (IOException e) {
            close();
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    // The end of the last line (newline included) that is a readable record; everything after it
    // is padding or a torn tail.
    private long endOfLastRecord(byte[] bytes) {
        int end = JournalLines.contentEnd(bytes, bytes.length);
        while (end > 0) {
            int start = end;
            while (start > 0 && bytes[start - 1] != '\n') {
                start--;
            }
            boolean terminated = end < bytes.length && bytes[end] == '\n';
            if (terminated && isRecord(new String(bytes, start, end - start, StandardCharsets.UTF_8))) {
                return end + 1;
            }
            end = JournalLines.contentEnd(bytes, start);
        }
        return 0;
    }

    private static boolean isRecord(String line) {
        try {
            MillraceJson.read(line, JournalRecord.class, "journal");
            return true;
        } catch (MillraceException | IllegalArgumentException e) {
            return false;
        }
    }

    private void blankTornTail(byte[] torn) throws IOException {
        Path side = TornTailRepair.sideFile(file, clock);
        files.write(side, torn);
        ByteBuffer buffer = ByteBuffer.wrap(padding(torn.length));
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
        if (files.isDurable()) {
            channel.force(false);
        }
        repaired = Optional.of(new TornTailRepair.Repaired(side, torn.length));
    }

    private void grow(long needed) throws IOException {
        long step = Math.min(Math.max(capacity, CHUNK), MAX_GROWTH);
        long target = Math.max(capacity + step, (needed + CHUNK - 1) / CHUNK * CHUNK);
        ByteBuffer buffer = ByteBuffer.wrap(padding((int) (target - capacity)));
        while (buffer.hasRemaining()) {
            channel.write(buffer, capacity + buffer.position());
        }
        if (files.isDurable()) {
            channel.force(true); // the size changed: this once, metadata too
        }
        capacity = target;
    }

    private static byte[] padding(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) '\n');
        return bytes;
    }
}
