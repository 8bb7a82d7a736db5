package ai.millrace.core.internal.journal;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.state.TornTailRepair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only intent journal {@code state/transition_journal.jsonl}. Each line is a
 * {@link JournalRecord}, appended and forced to disk before the caller goes on. Not thread-safe;
 * the {@link TransitionRunner} serializes access.
 */
final class TransitionJournal {
    private final Path file;
    private final AtomicFiles files;
    private final Clock clock;

    TransitionJournal(Path file, AtomicFiles files, Clock clock) {
        this.file = file;
        this.files = files;
        this.clock = clock;
    }

    /** Cuts a torn last line (an intent that never finished being written, so no step ran). */
    Optional<TornTailRepair.Repaired> repairTail() {
        return TornTailRepair.repair(file, files, clock);
    }

    void append(JournalRecord record) {
        append(record, true);
    }

    // Only intents need forcing: a lost commit record just means the intent is replayed, and
    // replaying is idempotent.
    void append(JournalRecord record, boolean force) {
        byte[] line = (MillraceJson.writeLine(record) + "\n").getBytes(StandardCharsets.UTF_8);
        (force ? files : AtomicFiles.NO_FSYNC).append(file, line);
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
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
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

    long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot stat " + file + ": " + e.getMessage(), e);
        }
    }

    /** Empties the journal; only when no intent is open. */
    void compact() {
        files.write(file, new byte[0]);
    }
}
