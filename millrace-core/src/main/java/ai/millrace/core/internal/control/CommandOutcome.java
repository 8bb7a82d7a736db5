package ai.millrace.core.internal.control;

import ai.millrace.core.internal.journal.TransitionStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link MailboxHandler} made of a command: the result recorded in the archive, and the
 * durable changes the command causes. The mailbox commits those changes and the archive of the
 * command in one journaled transition, which is what makes each command apply exactly once.
 *
 * @param result the archive's {@code result} object
 * @param effects the file changes, applied before the command is archived
 */
public record CommandOutcome(Map<String, Object> result, List<TransitionStep> effects) {
    /**
     * Copies.
     *
     * @param result the result
     * @param effects the effects
     */
    public CommandOutcome {
        result = result == null ? Map.of() : new LinkedHashMap<>(result);
        effects = effects == null ? List.of() : List.copyOf(effects);
    }

    /**
     * Returns an outcome with durable effects and an empty result.
     *
     * @param effects the effects
     * @return the outcome
     */
    public static CommandOutcome of(TransitionStep... effects) {
        return new CommandOutcome(Map.of(), List.of(effects));
    }

    /**
     * Returns an outcome with no durable effect (the command only changed memory).
     *
     * @return the outcome
     */
    public static CommandOutcome none() {
        return new CommandOutcome(Map.of(), List.of());
    }
}
