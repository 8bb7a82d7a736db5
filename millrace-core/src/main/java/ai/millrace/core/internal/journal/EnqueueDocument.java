package ai.millrace.core.internal.journal;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.Identifiers;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.internal.queue.QueueStore;
import java.util.Objects;

/**
 * Writes a new document into its queue folder, unless the id exists in any folder of its kind.
 *
 * @param workItemKind the kind
 * @param id the id
 * @param markdown the rendered document
 */
public record EnqueueDocument(WorkItemKind workItemKind, String id, String markdown) implements TransitionStep {
    /**
     * Validates.
     *
     * @param workItemKind the kind
     * @param id the id
     * @param markdown the markdown
     */
    public EnqueueDocument {
        Objects.requireNonNull(workItemKind, "workItemKind");
        Identifiers.requireSafeId("id", id);
        Identifiers.requireText("markdown", markdown);
    }

    /**
     * Builds the step of a document, rendered and checked to read back.
     *
     * @param queues the queue store that renders it
     * @param document the document
     * @return the step
     */
    public static EnqueueDocument of(QueueStore queues, WorkDocument document) {
        return new EnqueueDocument(document.workItemKind(), document.id(), queues.render(document));
    }

    @Override
    public void check(TransitionContext context) {
        if (!context.queues().statesOnDisk(workItemKind, id).isEmpty()) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT,
                    workItemKind + " " + id + " already exists; give the new document another id");
        }
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().documentFile(workItemKind, ai.millrace.core.workspace.QueueState.QUEUED, id),
                context.paths().queueDir(workItemKind, ai.millrace.core.workspace.QueueState.QUEUED));
    }

    @Override
    public void apply(TransitionContext context) {
        context.queues().applyEnqueue(workItemKind, id, markdown);
    }
}
