package ai.millrace.core.internal.closure;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads every open task, spec and incident (queue, active and blocked folders) in the original's
 * scan order: tasks, specs, incidents, each by queue, active, blocked. Unparseable documents are
 * skipped, as the original ignores them; the claim path quarantines them.
 */
public final class LineageScanner {
    /** The kinds that carry lineage, in scan order. */
    public static final List<WorkItemKind> KINDS = List.of(WorkItemKind.TASK, WorkItemKind.SPEC, WorkItemKind.INCIDENT);
    /** The open states, in scan order. */
    public static final List<QueueState> OPEN_STATES = List.of(QueueState.QUEUED, QueueState.ACTIVE, QueueState.BLOCKED);

    private final QueueStore queues;

    /**
     * Creates a scanner over a queue store.
     *
     * @param queues the queues
     */
    public LineageScanner(QueueStore queues) {
        this.queues = Objects.requireNonNull(queues, "queues");
    }

    /**
     * Reads every open lineage-carrying document.
     *
     * @return the items in scan order
     */
    public List<LineageItem> scan() {
        List<LineageItem> out = new ArrayList<>();
        WorkspacePaths paths = queues.paths();
        for (WorkItemKind kind : KINDS) {
            for (QueueState state : OPEN_STATES) {
                for (String id : queues.ids(kind, state)) {
                    readQuietly(kind, state, id).ifPresent(doc -> out.add(new LineageItem(kind, state, doc,
                            relative(paths, kind, state, id))));
                }
            }
        }
        return out;
    }

    /**
     * Returns the lineage work of a root: the open items whose effective root is {@code root}.
     *
     * @param items a scan
     * @param root the root spec id
     * @return the matching items, in scan order
     */
    public static List<LineageItem> lineageWork(List<LineageItem> items, String root) {
        List<LineageItem> out = new ArrayList<>();
        for (LineageItem item : items) {
            if (root.equals(item.effectiveRoot())) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * Returns the workspace-relative path of a queue document.
     *
     * @param paths the workspace paths
     * @param kind the kind
     * @param state the state
     * @param id the id
     * @return the path with forward slashes
     */
    public static String relative(WorkspacePaths paths, WorkItemKind kind, QueueState state, String id) {
        return paths.workspaceRoot().relativize(paths.documentFile(kind, state, id)).toString().replace('\\', '/');
    }

    private Optional<WorkDocument> readQuietly(WorkItemKind kind, QueueState state, String id) {
        try {
            return queues.read(kind, state, id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
