package ai.millrace.api;

/**
 * Stable error codes carried by every {@link MillraceException}.
 *
 * <p>A code never changes meaning once released; new failures get new codes. Each code has a
 * section in {@code docs/errors.md} under its {@link #code()} so that a message can point an
 * operator at what to do.
 */
public enum ErrorCode {
    /** A contract value broke one of its invariants (a field, an id, a marker). */
    CONTRACT_VIOLATION("MR-E001", "contract value is invalid"),
    /** A stage id is not known to the stage registry in use. */
    UNKNOWN_STAGE("MR-E002", "unknown stage"),
    /** A terminal result is not legal for the stage or plane it was reported for. */
    ILLEGAL_TERMINAL_RESULT("MR-E003", "illegal terminal result"),
    /** A document (JSON, TOML or markdown) could not be read into its contract. */
    MALFORMED_DOCUMENT("MR-E004", "malformed document"),
    /** A plugin provider could not be instantiated or threw while loading. */
    PLUGIN_LOAD_FAILED("MR-E010", "plugin provider failed to load"),
    /** Two plugins claimed the same id. */
    DUPLICATE_PLUGIN_ID("MR-E011", "duplicate plugin id"),
    /** No runner is registered under the id a stage asked for. */
    RUNNER_NOT_FOUND("MR-E012", "runner not found"),
    /** A runner failed to start, crashed or broke its contract. */
    RUNNER_FAILED("MR-E013", "runner failed"),
    /** The configuration is invalid (unknown key, wrong type, value out of range, missing file). */
    CONFIG_INVALID("MR-E020", "configuration is invalid"),
    /** The mode, loops and stage kinds could not be compiled into a plan. */
    COMPILE_FAILED("MR-E030", "compilation failed"),
    /** The workspace is missing, not initialized, or its files are inconsistent. */
    WORKSPACE_INVALID("MR-E040", "workspace is invalid"),
    /** Another process owns the workspace. */
    WORKSPACE_LOCKED("MR-E041", "workspace is owned by another process"),
    /** A queue operation conflicted with the state of the queue folders. */
    QUEUE_CONFLICT("MR-E042", "queue state conflict"),
    /** A durable write or read failed at the file-system level. */
    STORAGE_FAILED("MR-E043", "storage operation failed"),
    /** A runtime operation was refused in the current runtime state. */
    RUNTIME_STATE("MR-E050", "operation not allowed in the current runtime state");

    private final String code;
    private final String summary;

    ErrorCode(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    /**
     * Returns the stable code, such as {@code MR-E001}.
     *
     * @return the code, never null
     */
    public String code() {
        return code;
    }

    /**
     * Returns a short lower-case summary of the failure family.
     *
     * @return the summary, never null
     */
    public String summary() {
        return summary;
    }
}
