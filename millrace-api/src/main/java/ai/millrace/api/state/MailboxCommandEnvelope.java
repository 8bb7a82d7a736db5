package ai.millrace.api.state;

import ai.millrace.api.Identifiers;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One control command in the workspace mailbox,
 * {@code state/mailbox/incoming/<command_id>.json}.
 *
 * @param commandId the command id, {@code <command>-<epoch millis>-<8 hex>}
 * @param command the command
 * @param issuedAt when it was issued
 * @param issuer who issued it, such as {@code operator}
 * @param payload the command payload; empty for most commands
 */
@WireKind("mailbox_command")
public record MailboxCommandEnvelope(
        String commandId,
        MailboxCommand command,
        Instant issuedAt,
        String issuer,
        Map<String, Object> payload) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param commandId the command id, {@code <command>-<epoch millis>-<8 hex>}
     * @param command the command
     * @param issuedAt when it was issued
     * @param issuer who issued it, such as {@code operator}
     * @param payload the command payload; empty for most commands
     */
    public MailboxCommandEnvelope {
        Identifiers.requireText("command_id", commandId);
        Objects.requireNonNull(command, "command is required");
        Objects.requireNonNull(issuedAt, "issued_at is required");
        Identifiers.requireText("issuer", issuer);
        payload = Copies.json(payload);
    }
}
