package ai.millrace.core.internal.control;

import ai.millrace.api.state.MailboxCommandEnvelope;

/**
 * Applies one mailbox command; supplied by the runtime. It must not write state files itself:
 * it returns the writes as {@link CommandOutcome#effects()}, so that they commit together with
 * the command's archive. Throwing archives the command as failed with the exception's message.
 * Called on the draining thread, one command at a time, in issue order.
 */
@FunctionalInterface
public interface MailboxHandler {
    /**
     * Applies a command.
     *
     * @param envelope the command
     * @return the result and the durable effects
     * @throws Exception when the command cannot be applied; it is archived as failed
     */
    CommandOutcome handle(MailboxCommandEnvelope envelope) throws Exception;
}
