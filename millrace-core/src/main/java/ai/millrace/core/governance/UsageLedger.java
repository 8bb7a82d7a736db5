package ai.millrace.core.governance;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.governance.UsageWindowIndex;
import ai.millrace.core.internal.state.TornTailRepair;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable token ledger {@code state/usage_governance_ledger.jsonl}: one compact JSON line per
 * counted stage result, appended and forced to disk before {@link #record} returns.
 *
 * <p>Each result is counted once: entries are keyed by the stage request id, and a second record
 * of the same key is ignored, also after a restart (the keys are re-read when the ledger opens).
 * Opening repairs a torn last line (the bytes are saved to a side file) and skips, with a warning,
 * any other line that does not read; neither is fatal. The ledger is read once, streaming, at
 * open; afterwards evaluations use the in-memory window index and never re-read files.
 *
 * <p>Thread-safe.
 */
public final class UsageLedger {
    private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);

    private final Path file;
    private final AtomicFiles files;
    private final Clock clock;
    private final UsageWindowIndex index = new UsageWindowIndex();
    private final List<String> openWarnings = new ArrayList<>();
    private long tornBytesRepaired;

    private UsageLedger(Path file, AtomicFiles files, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the ledger of a workspace with durable writes.
     *
     * @param paths the workspace
     * @param clock stamps entries and chooses which old totals to forget
     * @return the ledger
     * @throws MillraceException STORAGE_FAILED when the file exists but cannot be read or repaired
     */
    public static UsageLedger open(WorkspacePaths paths, Clock clock) {
        return open(paths.usageGovernanceLedgerFile(), AtomicFiles.DURABLE, clock);
    }

    /**
     * Opens a ledger file: repairs a torn tail, then reads every line once into the window index.
     *
     * @param file the ledger file; need not exist
     * @param files the write strategy
     * @param clock stamps entries and chooses which old totals to forget
     * @return the ledger
     * @throws MillraceException STORAGE_FAILED when the file exists but cannot be read or repaired
     */
    public static UsageLedger open(Path file, AtomicFiles files, Clock clock) {
        UsageLedger ledger = new UsageLedger(file, files, clock);
        ledger.load();
        return ledger;
    }

    private void load() {
        TornTailRepair.repair(file, files, clock).ifPresent(r -> {
            tornBytesRepaired = r.removedBytes();
            warn("repaired a torn last line of " + file + " (" + r.removedBytes() + " bytes saved to "
                    + r.sideFile().getFileName() + ")");
        });
        index.retainFrom(clock.instant().minus(UsageWindowIndex.RETENTION));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    count(MillraceJson.read(line, LedgerEntry.class, file + ":" + number));
                } catch (MillraceException | IllegalArgumentException e) {
                    warn("skipped unreadable ledger line " + file + ":" + number + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            // No ledger yet: nothing was counted.
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records the usage of one stage result, unless its request id was recorded before or it
     * carries no token usage.
     *
     * @param result the normalized stage result
     * @param requestId the stage request id (the dedupe key)
     * @param stageResultPath the result file relative to the workspace, or null
     * @param daemonSessionId the runtime session, or null offline
     * @return true when a new line was appended
     * @throws MillraceException STORAGE_FAILED when the line cannot be appended
     */
    public boolean record(StageResultEnvelope result, String requestId, String stageResultPath, String daemonSessionId) {
        if (result.tokenUsage() == null) {
            return false;
        }
        return record(new LedgerEntry(requestId, clock.instant(), result.completedAt(), result.plane(),
                result.runId(), result.stage().value(), result.workItemKind(), result.workItemId(),
                result.tokenUsage(), stageResultPath, daemonSessionId));
    }

    /**
     * Records one entry unless its dedupe key was recorded before. The line is on disk before the
     * entry is counted in memory.
     *
     * @param entry the entry
     * @return true when a new line was appended
     * @throws MillraceException STORAGE_FAILED when the line cannot be appended
     */
    public synchronized boolean record(LedgerEntry entry) {
        if (index.contains(entry.dedupeKey())) {
            return false;
        }
        files.append(file, (MillraceJson.writeLine(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        count(entry);
        return true;
    }

    /**
     * Tells whether a stage request was already counted.
     *
     * @param requestId the request id
     * @return true when counted
     */
    public synchronized boolean contains(String requestId) {
        return index.contains(requestId);
    }

    /** @return how many results the ledger has counted */
    public synchronized int countedResults() {
        return index.countedResults();
    }

    /** @return the warnings of opening: repaired tail and skipped lines */
    public synchronized List<String> openWarnings() {
        return List.copyOf(openWarnings);
    }

    /** @return how many bytes of a torn last line were cut when the ledger opened */
    public synchronized long tornBytesRepaired() {
        return tornBytesRepaired;
    }

    /** @return the ledger file */
    public Path file() {
        return file;
    }

    /**
     * Runs an action on the window index under the ledger's lock.
     *
     * @param action the action
     * @param <T> its result
     * @return the result
     */
    synchronized <T> T withIndex(java.util.function.Function<UsageWindowIndex, T> action) {
        return action.apply(index);
    }

    private void count(LedgerEntry e) {
        index.add(e.dedupeKey(), e.stageCompletedAt(), e.tokenUsage().totalTokens(), e.daemonSessionId(), e.runId());
    }

    private void warn(String message) {
        openWarnings.add(message);
        LOG.warn(message);
    }
}
