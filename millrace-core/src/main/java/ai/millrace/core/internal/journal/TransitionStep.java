package ai.millrace.core.internal.journal;

import ai.millrace.api.MillraceException;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One file change of a multi-file transition, recorded in the journal before it runs.
 *
 * <p>{@link #apply} must be idempotent: replay after a crash calls it again whether or not it ran
 * before, so each step checks what is already on disk and does only what is missing.
 * {@link #check} validates preconditions before the intent is journaled, so a transition that
 * cannot run fails cleanly without a half-applied intent.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MoveDocument.class, name = "move_document"),
    @JsonSubTypes.Type(value = EnqueueDocument.class, name = "enqueue_document"),
    @JsonSubTypes.Type(value = WriteSnapshot.class, name = "write_snapshot"),
    @JsonSubTypes.Type(value = WriteCounters.class, name = "write_counters"),
    @JsonSubTypes.Type(value = ResetCounters.class, name = "reset_counters"),
    @JsonSubTypes.Type(value = WriteStatusMarker.class, name = "write_status_marker"),
    @JsonSubTypes.Type(value = WriteClosureTarget.class, name = "write_closure_target"),
    @JsonSubTypes.Type(value = WriteWorkspaceFile.class, name = "write_file"),
    @JsonSubTypes.Type(value = DeleteWorkspaceFile.class, name = "delete_file"),
    @JsonSubTypes.Type(value = ReturnClaimedDocument.class, name = "return_claimed_document")
})
public sealed interface TransitionStep permits MoveDocument, EnqueueDocument, WriteSnapshot, WriteCounters,
        ResetCounters, WriteStatusMarker, WriteClosureTarget, WriteWorkspaceFile, DeleteWorkspaceFile,
        ReturnClaimedDocument {
    /**
     * Validates the step against the current files before it is journaled.
     *
     * @param context the workspace
     * @throws MillraceException when the step cannot run now
     */
    default void check(TransitionContext context) {
    }

    /**
     * Performs the step if it is not done yet.
     *
     * @param context the workspace
     */
    void apply(TransitionContext context);

    /**
     * Returns the files and folders this step writes, so a checkpoint can force them to disk
     * after they were written without fsync under the protection of the journal.
     *
     * @param context the workspace
     * @return the paths (some may not exist any more)
     */
    java.util.List<java.nio.file.Path> touched(TransitionContext context);
}
