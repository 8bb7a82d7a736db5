package ai.millrace.core.internal.state;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeErrorContext;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and writes the runtime's state files: the snapshot, the recovery counters, the plane
 * status markers, the closure targets and the runtime error context.
 *
 * <p>Every write is atomic through {@link AtomicFiles}; every contract goes through
 * {@link MillraceJson}. A file that exists but cannot be read fails with
 * {@link ErrorCode#MALFORMED_DOCUMENT} naming the file and the field.
 *
 * <p>A store made by {@link #deferred} keeps the snapshot, counters, status markers, dispatch
 * records and stage results it is given in memory until {@link #publish()}, and serves reads from
 * there: the runtime publishes at most every publication interval, so a busy runtime replaces
 * each file once per publication instead of once per step, and the files are written on the
 * publishing thread (the runtime's timer while stages run), not on the tick's. Nothing is lost
 * by waiting: every such write is a step of a journaled transition, replayed after a crash, and a
 * checkpoint publishes before it forces. Other stores write at once.
 *
 * <p>Thread-safe; writers of one file must still be serialized by the caller (the runtime's
 * single application thread).
 */
public final class StateStore {
    private final WorkspacePaths paths;
    private final AtomicFiles files;
    private final boolean deferred;
    // Held content by file: bytes, a snapshot or counters (serialized only when published), or
    // DELETED. Only the last write of a file in a tick is ever serialized.
    private final Map<Path, Object> pending = new LinkedHashMap<>();
    private final Map<Path, byte[]> published = new java.util.HashMap<>();
    private final Object publishing = new Object();
    // A held deletion, told apart by identity.
    private static final byte[] DELETED = new byte[0];

    /**
     * Creates a store over a workspace.
     *
     * @param paths the workspace layout
     * @param files the write strategy, normally {@link AtomicFiles#DURABLE}
     */
    public StateStore(WorkspacePaths paths, AtomicFiles files) {
        this(paths, files, false);
    }

    private StateStore(WorkspacePaths paths, AtomicFiles files, boolean deferred) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.files = Objects.requireNonNull(files, "files");
        this.deferred = deferred;
    }

    /**
     * Creates a store that holds snapshot, counter and status-marker writes until
     * {@link #publish()}.
     *
     * @param paths the workspace layout
     * @param files the write strategy used when publishing
     * @return the store
     */
    public static StateStore deferred(WorkspacePaths paths, AtomicFiles files) {
        return new StateStore(paths, files, true);
    }

    /**
     * Writes every held file whose content differs from the file on disk. Does nothing for a
     * store that does not defer.
     */
    public void publish() {
        // One publication at a time, and the held entries stay readable while they are written:
        // the runtime's thread may go on holding new writes meanwhile (the timer publishes).
        synchronized (publishing) {
            List<Map.Entry<Path, Object>> due;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                due = new ArrayList<>(pending.entrySet());
            }
            for (Map.Entry<Path, Object> e : due) {
                Path file = e.getKey();
                Object held = e.getValue();
                byte[] bytes = held == DELETED ? null : bytesOf(held);
                byte[] last;
                synchronized (this) {
                    last = published.get(file);
                }
                if (bytes == null) {
                    files.delete(file);
                } else if (!Arrays.equals(last, bytes)) { // same bytes as last written: skip the rename
                    files.write(file, bytes);
                }
                synchronized (this) {
                    if (pending.get(file) == held) {
                        pending.remove(file);
                    }
                    if (bytes == null || isStageResult(file)) {
                        published.remove(file); // written once: nothing to compare with later
                    } else {
                        published.put(file, bytes);
                    }
                }
            }
        }
    }

    private static byte[] bytesOf(Object held) {
        return held instanceof byte[] ? (byte[]) held : MillraceJson.writeBytes(held);
    }

    /** @return true when writes are held for {@link #publish()} */
    public synchronized boolean hasUnpublished() {
        return !pending.isEmpty();
    }

    /**
     * Tells whether this store holds writes of a file until it publishes: true for a deferred
     * store and a dispatch record (the other held files have methods of their own).
     *
     * @param file a workspace file
     * @return true when {@link #writeFile} and {@link #deleteFile} hold the change
     */
    public boolean defers(Path file) {
        if (!deferred) {
            return false;
        }
        for (Plane plane : Plane.values()) {
            if (file == paths.dispatchFile(plane) || file.equals(paths.dispatchFile(plane))) {
                return true;
            }
        }
        return isStageResult(file);
    }

    // runs/<run_id>/stage_results/<request_id>.json: written once per stage, read by operators.
    private boolean isStageResult(Path file) {
        Path dir = file.getParent();
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("stage_results")
                && dir.getParent() != null && paths.runsDir().equals(dir.getParent().getParent());
    }

    /**
     * Writes a file, held until {@link #publish()} when {@link #defers} says so.
     *
     * @param file the file
     * @param content the bytes
     */
    public void writeFile(Path file, byte[] content) {
        if (defers(file)) {
            put(file, content);
        } else {
            files.write(file, content);
        }
    }

    /**
     * Deletes a file, held until {@link #publish()} when {@link #defers} says so.
     *
     * @param file the file
     */
    public void deleteFile(Path file) {
        if (defers(file)) {
            put(file, DELETED);
        } else {
            files.delete(file);
        }
    }

    private synchronized void put(Path file, Object content) {
        if (deferred) {
            pending.put(file, content);
        } else {
            files.write(file, bytesOf(content));
        }
    }

    private synchronized Object held(Path file) {
        return pending.get(file);
    }

    /** @return the workspace layout */
    public WorkspacePaths paths() {
        return paths;
    }

    /** @return the write strategy */
    public AtomicFiles files() {
        return files;
    }

    // ---- snapshot ----

    /**
     * Loads the snapshot.
     *
     * @return the snapshot, or empty when the file does not exist
     * @throws MillraceException MALFORMED_DOCUMENT when it exists but cannot be read
     */
    public Optional<RuntimeSnapshot> loadSnapshot() {
        return readOptional(paths.snapshotFile(), RuntimeSnapshot.class);
    }

    /**
     * Saves the snapshot atomically.
     *
     * @param snapshot the snapshot
     */
    public void saveSnapshot(RuntimeSnapshot snapshot) {
        put(paths.snapshotFile(), Objects.requireNonNull(snapshot, "snapshot"));
    }

    // ---- recovery counters ----

    /**
     * Loads the recovery counters.
     *
     * @return the counters; {@link RecoveryCounters#EMPTY} when the file does not exist
     */
    public RecoveryCounters loadCounters() {
        return readOptional(paths.recoveryCountersFile(), RecoveryCounters.class).orElse(RecoveryCounters.EMPTY);
    }

    /**
     * Saves the recovery counters atomically.
     *
     * @param counters the counters
     */
    public void saveCounters(RecoveryCounters counters) {
        put(paths.recoveryCountersFile(), Objects.requireNonNull(counters, "counters"));
    }

    /**
     * Deletes every counter entry of one work item ("reset forward progress") and saves when
     * anything changed.
     *
     * @param kind the work item kind
     * @param id the work item id
     * @return the counters after the reset
     */
    public RecoveryCounters resetCounters(WorkItemKind kind, String id) {
        RecoveryCounters before = loadCounters();
        RecoveryCounters after = withoutItem(before, kind, id);
        if (after.entries().size() != before.entries().size()) {
            saveCounters(after);
        }
        return after;
    }

    /**
     * Returns counters without the entries of one work item.
     *
     * @param counters the counters
     * @param kind the work item kind
     * @param id the work item id
     * @return the remaining counters
     */
    public static RecoveryCounters withoutItem(RecoveryCounters counters, WorkItemKind kind, String id) {
        List<RecoveryCounterEntry> kept = new ArrayList<>();
        for (RecoveryCounterEntry e : counters.entries()) {
            if (!(e.workItemKind() == kind && e.workItemId().equals(id))) {
                kept.add(e);
            }
        }
        return new RecoveryCounters(kept);
    }

    // ---- status markers ----

    /**
     * Reads a plane's status marker raw from its file.
     *
     * @param plane the plane
     * @return the marker, or {@link StatusMarkers#INVALID} when the file is missing, empty or
     *     not exactly one marker line
     */
    public String readStatusMarker(Plane plane) {
        Path file = paths.statusFile(plane);
        Object held = held(file);
        if (held != null) {
            return held == DELETED ? StatusMarkers.INVALID
                    : StatusMarkers.parse(new String(bytesOf(held), StandardCharsets.UTF_8));
        }
        try {
            return StatusMarkers.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return StatusMarkers.INVALID;
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a plane's status marker file ({@code <marker>\n}) atomically. The snapshot mirror is
     * the caller's to update, normally in the same transition.
     *
     * @param plane the plane
     * @param marker one line {@code ### <TOKEN>}
     */
    public void writeStatusMarker(Plane plane, String marker) {
        StatusMarkers.require(marker);
        put(paths.statusFile(plane), (marker + "\n").getBytes(StandardCharsets.UTF_8));
    }

    // ---- closure targets ----

    /**
     * Loads a closure target.
     *
     * @param rootSpecId the root spec id
     * @return the target, or empty when there is none
     */
    public Optional<ClosureTargetState> loadClosureTarget(String rootSpecId) {
        return readOptional(paths.closureTargetFile(rootSpecId), ClosureTargetState.class);
    }

    /**
     * Saves a closure target atomically under its root spec id.
     *
     * @param target the target
     */
    public void saveClosureTarget(ClosureTargetState target) {
        files.write(paths.closureTargetFile(target.rootSpecId()), MillraceJson.writeBytes(target));
    }

    /**
     * Lists every closure target, ordered by file name.
     *
     * @return the targets
     * @throws MillraceException MALFORMED_DOCUMENT naming the first file that cannot be read
     */
    public List<ClosureTargetState> listClosureTargets() {
        Path dir = paths.arbiterDir().resolve("targets");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> jsons;
        try (Stream<Path> list = Files.list(dir)) {
            jsons = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !AtomicFiles.isTempFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<ClosureTargetState> out = new ArrayList<>();
        for (Path p : jsons) {
            out.add(MillraceJson.read(p, ClosureTargetState.class));
        }
        return out;
    }

    // ---- runtime error context ----

    /**
     * Loads the runtime error context.
     *
     * @return the context, or empty when there is none
     */
    public Optional<RuntimeErrorContext> loadErrorContext() {
        return readOptional(paths.runtimeErrorContextFile(), RuntimeErrorContext.class);
    }

    /**
     * Saves the runtime error context atomically.
     *
     * @param context the context
     */
    public void saveErrorContext(RuntimeErrorContext context) {
        files.write(paths.runtimeErrorContextFile(), MillraceJson.writeBytes(context));
    }

    /**
     * Deletes the runtime error context.
     *
     * @return true if it existed
     */
    public boolean deleteErrorContext() {
        return files.delete(paths.runtimeErrorContextFile());
    }

    private <T> Optional<T> readOptional(Path file, Class<T> type) {
        Object held = held(file);
        if (held == DELETED) {
            return Optional.empty();
        }
        if (type.isInstance(held)) {
            return Optional.of(type.cast(held)); // records are immutable: no copy needed
        }
        if (held != null) {
            return Optional.of(MillraceJson.read(new String(bytesOf(held), StandardCharsets.UTF_8), type, file.toString()));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
        return Optional.of(MillraceJson.read(text, type, file.toString()));
    }
}
