package ai.millrace.testkit.fakemodel;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted answer of the {@link FakeModelServer}: what the fake model says to one model
 * request, on whichever API the harness called.
 *
 * <p>The same reply renders on both endpoints: {@code POST /v1/responses} gets Responses API
 * server-sent events (what Codex 0.169 accepts), {@code POST /v1/chat/completions} gets Chat
 * Completions chunks ending in {@code data: [DONE]} (what Pi 0.73 accepts). Build one with a static
 * factory and adjust it with the {@code with...} modifiers, which return changed copies.
 *
 * <p>Immutable and thread-safe. No method accepts or returns null unless it says so.
 */
public final class FakeReply {

    /** What a reply does. */
    public enum Kind {
        /** An assistant message with text. */
        TEXT,
        /** One function (tool) call with a fixed name and arguments. */
        TOOL_CALL,
        /** One shell tool call whose tool name and argument shape follow the tools the request offers. */
        SHELL_COMMAND,
        /** A plain HTTP error response with a body. */
        HTTP_ERROR,
        /** A stream that starts, then loses its connection without ending. */
        STREAM_FAILURE,
        /** A stream that starts, then reports an error inside the stream and ends. */
        STREAM_ERROR
    }

    /** The text a {@link #streamFailure()} stream sends before the connection is cut. */
    public static final String PARTIAL_TEXT = "This stream is cut short";

    private final Kind kind;
    private final String text;
    private final String toolName;
    private final String arguments;
    private final int httpStatus;
    private final FakeUsage usage;
    private final Duration delay;
    private final boolean hang;

    private FakeReply(Kind kind, String text, String toolName, String arguments, int httpStatus,
            FakeUsage usage, Duration delay, boolean hang) {
        this.kind = kind;
        this.text = text;
        this.toolName = toolName;
        this.arguments = arguments;
        this.httpStatus = httpStatus;
        this.usage = usage;
        this.delay = delay;
        this.hang = hang;
    }

    private static FakeReply of(Kind kind, String text, String toolName, String arguments, int httpStatus) {
        return new FakeReply(kind, text, toolName, arguments, httpStatus, FakeUsage.DEFAULT, Duration.ZERO, false);
    }

    /**
     * An assistant message. On the Responses API it is a {@code message} output item whose text
     * arrives in {@code response.output_text.delta} events; on Chat Completions it arrives in
     * {@code delta.content} chunks and ends with {@code finish_reason: "stop"}.
     *
     * @param text the message text, never null (may be empty); for a stage, end it with the
     *     terminal marker line, such as {@code "Done.\n\n### BUILDER_COMPLETE"}
     * @return the reply
     */
    public static FakeReply text(String text) {
        return of(Kind.TEXT, Objects.requireNonNull(text, "text"), null, null, 200);
    }

    /**
     * One tool call. On the Responses API it is a {@code function_call} output item
     * ({@code {type, id: "fc_…", call_id: "call_…", name, arguments, status}}), which Codex
     * executes when the name is one of its tools, such as {@code exec_command} with
     * {@code {"cmd": "..."}}. On Chat Completions it is a {@code delta.tool_calls} entry ending with
     * {@code finish_reason: "tool_calls"}, which Pi executes when the name is one of its tools,
     * such as {@code bash} with {@code {"command": "..."}}. The harness runs the tool and sends a
     * second model request, which consumes the next reply.
     *
     * @param name the tool name, passed through unchanged
     * @param argumentsJson the arguments as a JSON text, passed through unchanged (not validated)
     * @return the reply
     * @see #shellCommand(String)
     */
    public static FakeReply toolCall(String name, String argumentsJson) {
        return of(Kind.TOOL_CALL, null, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(argumentsJson, "argumentsJson"), 200);
    }

    /**
     * One shell tool call that works for either harness: the server looks at the tools the
     * request offers and calls {@code exec_command} with {@code {"cmd": command}} (Codex 0.169),
     * {@code bash} with {@code {"command": command}} (Pi), or {@code shell} with
     * {@code {"command": ["bash", "-lc", command]}} (older Codex), in that order of preference.
     * When the request offers none of them it uses {@code exec_command} on the Responses API and
     * {@code bash} on Chat Completions.
     *
     * @param command the shell command line
     * @return the reply
     */
    public static FakeReply shellCommand(String command) {
        return of(Kind.SHELL_COMMAND, Objects.requireNonNull(command, "command"), null, null, 200);
    }

    /**
     * A plain HTTP error: the status, {@code content-type: application/json} and the body, with no
     * stream. Note that clients that retry (Pi's OpenAI SDK retries 5xx twice) consume one reply
     * per attempt.
     *
     * @param status the HTTP status, 400 to 599
     * @param body the response body, usually {@code {"error": {"message": ...}}}
     * @return the reply
     */
    public static FakeReply httpError(int status, String body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP error status is 400..599, got " + status);
        }
        return of(Kind.HTTP_ERROR, Objects.requireNonNull(body, "body"), null, null, status);
    }

    /**
     * A stream that breaks: status 200, the event-stream headers and the first events of a text
     * reply (including the first delta of {@link #PARTIAL_TEXT}), then, about 150 ms later, the
     * connection is closed without the end of the chunked body, so the client sees a transport
     * error. For a non-streaming request: status 200 with a content length, part of the body, and
     * the same cut.
     *
     * @return the reply
     */
    public static FakeReply streamFailure() {
        return of(Kind.STREAM_FAILURE, PARTIAL_TEXT, null, null, 200);
    }

    /**
     * A stream that reports an error in-band and ends cleanly: on the Responses API a
     * {@code response.failed} event whose {@code response.error} is
     * {@code {code: "server_error", message}}; on Chat Completions a chunk
     * {@code {"error": {"message", "type": "server_error"}}}, which the OpenAI SDK raises as an
     * API error.
     *
     * @param message the error message
     * @return the reply
     */
    public static FakeReply streamError(String message) {
        return of(Kind.STREAM_ERROR, Objects.requireNonNull(message, "message"), null, null, 200);
    }

    /**
     * Returns a copy that reports these token counts (see {@link FakeUsage} for how they render).
     *
     * @param input prompt tokens, cached ones included
     * @param cached the cached part of the prompt
     * @param output completion tokens, reasoning included
     * @param reasoning the reasoning part of the completion
     * @return the changed copy
     * @throws IllegalArgumentException when the counts are inconsistent
     */
    public FakeReply withUsage(long input, long cached, long output, long reasoning) {
        return new FakeReply(kind, text, toolName, arguments, httpStatus,
                new FakeUsage(input, cached, output, reasoning), delay, hang);
    }

    /**
     * Returns a copy that waits this long before sending the first byte (the status line). Closing
     * the server ends the wait and drops the connection.
     *
     * @param delay the wait, not negative
     * @return the changed copy
     */
    public FakeReply withDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new FakeReply(kind, text, toolName, arguments, httpStatus, usage, delay, hang);
    }

    /**
     * Returns a copy that sends nothing at all, not even the status line, until the server is
     * closed; then the connection is dropped. Use it to make a harness wait on the model.
     *
     * @return the changed copy
     */
    public FakeReply hang() {
        return new FakeReply(kind, text, toolName, arguments, httpStatus, usage, delay, true);
    }

    /**
     * Returns what the reply does.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the message text ({@link Kind#TEXT}), the command ({@link Kind#SHELL_COMMAND}), the
     * error body ({@link Kind#HTTP_ERROR}), the partial text ({@link Kind#STREAM_FAILURE}) or the
     * error message ({@link Kind#STREAM_ERROR}).
     *
     * @return the text; null for {@link Kind#TOOL_CALL}
     */
    public String text() {
        return text;
    }

    /**
     * Returns the tool name of a {@link Kind#TOOL_CALL}.
     *
     * @return the name; null for other kinds
     */
    public String toolName() {
        return toolName;
    }

    /**
     * Returns the JSON arguments of a {@link Kind#TOOL_CALL}.
     *
     * @return the arguments text; null for other kinds
     */
    public String arguments() {
        return arguments;
    }

    /**
     * Returns the HTTP status the reply answers with.
     *
     * @return the error status for {@link Kind#HTTP_ERROR}, else 200
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Returns the usage the reply reports.
     *
     * @return the usage; {@link FakeUsage#DEFAULT} unless changed
     */
    public FakeUsage usage() {
        return usage;
    }

    /**
     * Returns the wait before the first byte.
     *
     * @return the delay, {@link Duration#ZERO} unless changed
     */
    public Duration delay() {
        return delay;
    }

    /**
     * Tells whether the reply sends nothing until the server closes.
     *
     * @return true after {@link #hang()}
     */
    public boolean hangs() {
        return hang;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("FakeReply[").append(kind);
        if (toolName != null) {
            b.append(' ').append(toolName).append(' ').append(arguments);
        } else if (text != null) {
            b.append(" \"").append(text.length() > 60 ? text.substring(0, 60) + "…" : text).append('"');
        }
        if (kind == Kind.HTTP_ERROR) {
            b.append(" status=").append(httpStatus);
        }
        b.append(", ").append(usage);
        if (!delay.isZero()) {
            b.append(", delay=").append(delay);
        }
        if (hang) {
            b.append(", hang");
        }
        return b.append(']').toString();
    }
}
