package ai.millrace.core.internal.journal;

import ai.millrace.api.Identifiers;
import ai.millrace.api.WorkItemKind;
import ai.millrace.core.workspace.QueueState;
import java.util.Objects;

/**
 * Puts a document claimed ahead of time back in its queue: the undo of a claim that was journaled
 * with the result before it but never started. At run time the document never left the queue,
 * so there is nothing to check and nothing moves; a replay that re-applied the claim moves the
 * document back from {@code active/}.
 *
 * @param workItemKind the kind
 * @param id the id
 */
public record ReturnClaimedDocument(WorkItemKind workItemKind, String id) implements TransitionStep {
    /** Why the queue's requeue record says it came back. */
    public static final String REASON = "claim withdrawn before its first stage started";

    /**
     * Validates.
     *
     * @param workItemKind the kind
     * @param id the id
     */
    public ReturnClaimedDocument {
        Objects.requireNonNull(workItemKind, "workItemKind");
        Identifiers.requireSafeId("id", id);
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().documentFile(workItemKind, QueueState.QUEUED, id),
                context.paths().queueDir(workItemKind, QueueState.ACTIVE),
                context.paths().queueDir(workItemKind, QueueState.QUEUED),
                context.paths().queueDir(workItemKind, QueueState.QUEUED).resolve(id + ".requeue.jsonl"));
    }

    @Override
    public void apply(TransitionContext context) {
        context.queues().applyMove(workItemKind, id, QueueState.ACTIVE, QueueState.QUEUED, REASON);
    }
}
