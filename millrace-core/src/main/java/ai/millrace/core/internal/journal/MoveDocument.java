package ai.millrace.core.internal.journal;

import ai.millrace.api.Identifiers;
import ai.millrace.api.WorkItemKind;
import ai.millrace.core.workspace.QueueState;
import java.util.Objects;

/**
 * Moves a work document between two folders of its kind.
 *
 * @param workItemKind the kind
 * @param id the id
 * @param from the source state
 * @param to the destination state
 * @param requeueReason why, when moving back to the queue (recorded in {@code <id>.requeue.jsonl}); else null
 */
public record MoveDocument(WorkItemKind workItemKind, String id, QueueState from, QueueState to, String requeueReason)
        implements TransitionStep {
    /**
     * Validates.
     *
     * @param workItemKind the kind
     * @param id the id
     * @param from the source state
     * @param to the destination state
     * @param requeueReason the requeue reason or null
     */
    public MoveDocument {
        Objects.requireNonNull(workItemKind, "workItemKind");
        Identifiers.requireSafeId("id", id);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public void check(TransitionContext context) {
        context.queues().checkMove(workItemKind, id, from, to, requeueReason);
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().documentFile(workItemKind, to, id), context.paths().queueDir(workItemKind, from),
                context.paths().queueDir(workItemKind, to),
                context.paths().queueDir(workItemKind, to).resolve(id + ".requeue.jsonl"));
    }

    @Override
    public void apply(TransitionContext context) {
        context.queues().applyMove(workItemKind, id, from, to, requeueReason);
    }
}
