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
 * {@link ErrorCode#MALFORMED_DOCUMENT} naming the file and the field. This class holds no cached
 * state, so it is thread-safe, but writers of one file must be serialized by the caller (the
 * runtime's single application thread).
 */
public final class StateStore {
    private final WorkspacePaths paths;
    private final AtomicFiles files;

    /**
     * Creates a store over a workspace.
     *
     * @param paths the workspace layout
     * @param files the write strategy, normally {@link AtomicFiles#DURABLE}
     */
    public StateStore(WorkspacePaths paths, AtomicFiles files) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.files = Objects.requireNonNull(files, "files");
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
        files.write(paths.snapshotFile(), MillraceJson.writeBytes(snapshot));
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
        files.write(paths.recoveryCountersFile(), MillraceJson.writeBytes(counters));
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
        files.write(paths.statusFile(plane), marker + "\n");
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

    private static <T> Optional<T> readOptional(Path file, Class<T> type) {
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
