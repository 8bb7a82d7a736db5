package ai.millrace.core.internal.journal;

import ai.millrace.api.Identifiers;
import ai.millrace.api.WorkItemKind;
import java.util.Objects;

/**
 * Deletes every recovery counter entry of one work item ("reset forward progress").
 *
 * @param workItemKind the kind
 * @param id the id
 */
public record ResetCounters(WorkItemKind workItemKind, String id) implements TransitionStep {
    /**
     * Validates.
     *
     * @param workItemKind the kind
     * @param id the id
     */
    public ResetCounters {
        Objects.requireNonNull(workItemKind, "workItemKind");
        Identifiers.requireSafeId("id", id);
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().recoveryCountersFile(), context.paths().stateDir());
    }

    @Override
    public void apply(TransitionContext context) {
        context.state().resetCounters(workItemKind, id);
    }
}
