package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much a coding agent may do on the machine.
 */
public enum PermissionLevel implements WireEnum {
    /** Writes inside the workspace only (Codex: --sandbox workspace-write). */
    BASIC("basic"),
    /** No sandbox, never ask (Codex: -c approval_policy="never" --sandbox danger-full-access). */
    ELEVATED("elevated"),
    /** No sandbox and no approvals (Codex: --dangerously-bypass-approvals-and-sandbox). */
    MAXIMUM("maximum");

    private final String wireName;

    PermissionLevel(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire value.
     *
     * @param value the wire value
     * @return the constant
     * @throws ContractViolationException for an unknown value
     */
    @JsonCreator
    public static PermissionLevel of(String value) {
        return WireEnum.parse(PermissionLevel.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
