package ai.millrace.testkit.inspect;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads what is in a workspace now: which queue folder holds a work item, the status markers,
 * the recovery counters, incidents, the snapshot and the events. Every call reads the files
 * afresh.
 *
 * <p>Thread-safe (it holds only the path), but a read racing a running daemon may see a state
 * between two transitions; read after {@code runUntilIdle()} or after the daemon stopped.
 */
public final class WorkspaceView {
    private static final String MD = ".md";

    private final WorkspacePaths paths;

    private WorkspaceView(WorkspacePaths paths) {
        this.paths = paths;
    }

    /**
     * Views a workspace.
     *
     * @param workspaceRoot the workspace root (the folder holding {@code millrace-agents/}), never null
     * @return the view
     */
    public static WorkspaceView of(Path workspaceRoot) {
        return new WorkspaceView(WorkspacePaths.of(Objects.requireNonNull(workspaceRoot, "workspaceRoot")));
    }

    /**
     * Returns the workspace layout.
     *
     * @return the paths
     */
    public WorkspacePaths paths() {
        return paths;
    }

    /**
     * Returns the queue folders that hold a work item now (one, unless the workspace is broken).
     *
     * @param kind the kind, never null
     * @param id the id, never null
     * @return the states, empty when no folder holds it
     */
    public List<QueueState> statesOf(WorkItemKind kind, String id) {
        List<QueueState> out = new ArrayList<>();
        for (QueueState state : QueueState.values()) {
            if (Files.exists(paths.documentFile(kind, state, id))) {
                out.add(state);
            }
        }
        return out;
    }

    /**
     * Returns the ids in one queue folder, sorted.
     *
     * @param kind the kind, never null
     * @param state the state, never null
     * @return the ids (file stems)
     */
    public List<String> idsIn(WorkItemKind kind, QueueState state) {
        Path dir = paths.queueDir(kind, state);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(MD))
                    .map(n -> n.substring(0, n.length() - MD.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Reads a work document from whichever queue folder holds it.
     *
     * @param kind the kind, never null
     * @param id the id, never null
     * @return the parsed document
     * @throws IllegalStateException when no folder holds it
     */
    public WorkDocument document(WorkItemKind kind, String id) {
        for (QueueState state : statesOf(kind, id)) {
            Path file = paths.documentFile(kind, state, id);
            return WorkDocumentMarkdown.parse(read(file), file.getFileName().toString());
        }
        throw new IllegalStateException("no " + kind.wireName() + " '" + id + "' in any queue folder");
    }

    /**
     * Reads every incident, in every folder, sorted by id.
     *
     * @return the incidents
     */
    public List<IncidentDocument> incidents() {
        List<IncidentDocument> out = new ArrayList<>();
        for (QueueState state : QueueState.values()) {
            out.addAll(incidentsIn(state));
        }
        out.sort((a, b) -> a.incidentId().compareTo(b.incidentId()));
        return out;
    }

    /**
     * Reads the incidents of one folder ({@code QUEUED} is {@code incidents/incoming}), sorted by id.
     *
     * @param state the state, never null
     * @return the incidents
     */
    public List<IncidentDocument> incidentsIn(QueueState state) {
        List<IncidentDocument> out = new ArrayList<>();
        for (String id : idsIn(WorkItemKind.INCIDENT, state)) {
            out.add(WorkDocumentMarkdown.read(paths.documentFile(WorkItemKind.INCIDENT, state, id),
                    IncidentDocument.class));
        }
        return out;
    }

    /**
     * Returns a plane's status marker, such as {@code ### IDLE}.
     *
     * @param plane the plane, never null
     * @return the marker, stripped
     */
    public String statusMarker(Plane plane) {
        return read(paths.statusFile(plane)).strip();
    }

    /**
     * Reads the recovery counters.
     *
     * @return the counters, {@link RecoveryCounters#EMPTY} when the file is missing
     */
    public RecoveryCounters counters() {
        Path file = paths.recoveryCountersFile();
        return Files.exists(file) ? MillraceJson.read(file, RecoveryCounters.class) : RecoveryCounters.EMPTY;
    }

    /**
     * Returns the counter entries of one work item.
     *
     * @param workItemId the id, never null
     * @return the entries, in file order
     */
    public List<RecoveryCounterEntry> countersFor(String workItemId) {
        List<RecoveryCounterEntry> out = new ArrayList<>();
        for (RecoveryCounterEntry e : counters().entries()) {
            if (workItemId.equals(e.workItemId())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Reads the runtime snapshot as last written.
     *
     * @return the snapshot
     */
    public RuntimeSnapshot snapshot() {
        return MillraceJson.read(paths.snapshotFile(), RuntimeSnapshot.class);
    }

    /**
     * Reads the runtime events.
     *
     * @return the events, oldest first
     */
    public Events events() {
        return Events.read(paths.runtimeEventsFile());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return "WorkspaceView[" + paths.workspaceRoot() + "]";
    }
}
