package ai.millrace.harness.pi.internal;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one Pi session produced, filled in as the session goes: exit kind and code, failure class,
 * notes, assistant text and token usage. Starts as {@code completed}/0. Used by one thread.
 */
public final class RunOutcome {
    /** Failure class: Pi rejected the prompt command. */
    public static final String RPC_REJECTED = "runner_rpc_rejected";
    /** Failure class: the stream ended before {@code agent_end}. */
    public static final String INCOMPLETE_STREAM = "runner_incomplete_rpc_stream";
    /** Failure class: the provider failed and there is no text. */
    public static final String PROVIDER_FAILURE = "runner_provider_failure";
    /** Failure class: the run ended without assistant text. */
    public static final String EMPTY_TEXT = "runner_empty_assistant_text";
    /** Failure class: the stage ran past its timeout. */
    public static final String TIMEOUT = "runner_timeout";
    /** Failure class: the caller interrupted the run. */
    public static final String INTERRUPTED = "runner_interrupted";
    /** Failure class: the executable does not exist. */
    public static final String BINARY_NOT_FOUND = "runner_binary_not_found";
    /** Failure class: the process or the protocol broke down. */
    public static final String TRANSPORT_FAILURE = "runner_transport_failure";

    private RunnerExitKind exitKind = RunnerExitKind.COMPLETED;
    private int exitCode;
    private String failureClass;
    private final List<String> notes = new ArrayList<>();
    private String assistantText;
    private TokenUsage tokenUsage;

    /**
     * Marks the run as failed.
     *
     * @param kind the exit kind, never null
     * @param code the exit code to report
     * @param failure the failure class, may be null
     */
    public void fail(RunnerExitKind kind, int code, String failure) {
        this.exitKind = kind;
        this.exitCode = code;
        this.failureClass = failure;
    }

    /**
     * Adds a note.
     *
     * @param note the note, never null
     */
    public void note(String note) {
        notes.add(note);
    }

    /**
     * Sets the assistant text.
     *
     * @param text the text, may be null (no text)
     */
    public void assistantText(String text) {
        this.assistantText = text;
    }

    /**
     * Sets the token usage.
     *
     * @param usage the usage, may be null
     */
    public void tokenUsage(TokenUsage usage) {
        this.tokenUsage = usage;
    }

    /**
     * Returns the exit kind.
     *
     * @return the exit kind
     */
    public RunnerExitKind exitKind() {
        return exitKind;
    }

    /**
     * Returns the exit code.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Returns the failure class, or null for a completed run.
     *
     * @return the failure class, or null for a completed run
     */
    public String failureClass() {
        return failureClass;
    }

    /**
     * Returns the notes in order, a live list.
     *
     * @return the notes in order, a live list
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * Returns the assistant text, or null.
     *
     * @return the assistant text, or null
     */
    public String assistantText() {
        return assistantText;
    }

    /**
     * Returns the token usage, or null.
     *
     * @return the token usage, or null
     */
    public TokenUsage tokenUsage() {
        return tokenUsage;
    }
}
