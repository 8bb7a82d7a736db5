package ai.millrace.harness.codex.internal;

import ai.millrace.api.run.TokenUsage;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code codex exec --json} event stream says, read line by line and tolerant of anything
 * it does not know.
 *
 * <p>Lines are split on {@code \n} only (one trailing {@code \r} is dropped). A line is examined
 * when it starts with <code>{</code> and parses as a JSON object; anything else (a bad line, a
 * line longer than {@link #MAX_LINE_BYTES}, an unknown event type) is counted and skipped, so one
 * bad line never hides the rest.
 *
 * <p>Read from the stream:
 * <ul>
 *   <li>the text of the last {@code item.completed} item of type {@code agent_message};</li>
 *   <li>token usage from every {@code turn.completed.usage}, summed over turns: input
 *       ({@code input_tokens}, which includes the cached part), cached
 *       ({@code cached_input_tokens}), output ({@code output_tokens}, which includes reasoning),
 *       thinking ({@code reasoning_output_tokens}), total = input + output;</li>
 *   <li>when no turn reported usage, the original's legacy {@code token_count} events (also in the
 *       {@code event_msg} wrapper of rollout files): the candidate with the largest total wins, the
 *       later one on a tie;</li>
 *   <li>how the last turn ended ({@code turn.completed} or {@code turn.failed} with its message),
 *       and the top-level {@code error} events, which are retry or reconnect notices unless a
 *       {@code turn.failed} follows.</li>
 * </ul>
 */
public final class CodexEventLog {
    /** Lines longer than this are skipped unread (a sane event is far smaller). */
    public static final int MAX_LINE_BYTES = 32 * 1024 * 1024;
    private static final int MAX_NOTICES = 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_LINE_BYTES + 1).maxNestingDepth(500).build())
                    .build())
            .build();

    /** How the last turn of the stream ended. */
    public enum TurnOutcome {
        /** No {@code turn.completed} or {@code turn.failed} was seen. */
        NONE,
        /** The last turn event was {@code turn.completed}. */
        COMPLETED,
        /** The last turn event was {@code turn.failed}. */
        FAILED
    }

    private String lastAgentMessage;
    private long input;
    private long cached;
    private long output;
    private long reasoning;
    private int usageTurns;
    private TokenUsage legacyUsage;
    private TurnOutcome turnOutcome = TurnOutcome.NONE;
    private String turnFailureMessage;
    private int turnsCompleted;
    private int turnsFailed;
    private final List<String> errorNotices = new ArrayList<>();
    private int errorEventCount;
    private int jsonEvents;
    private int unknownEvents;
    private int skippedLines;
    private String threadId;

    private CodexEventLog() {
    }

    /**
     * Reads an event log file. A missing file reads as an empty stream. Uses plain streams, not
     * NIO channels, so an interrupted thread can still read it.
     *
     * @param file the {@code --json} output
     * @return what the stream says
     * @throws IOException when the file exists but cannot be read
     */
    public static CodexEventLog read(Path file) throws IOException {
        CodexEventLog log = new CodexEventLog();
        if (!Files.isRegularFile(file)) {
            return log;
        }
        try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 64 * 1024)) {
            log.consume(in);
        }
        return log;
    }

    /**
     * Parses an event stream held in memory.
     *
     * @param text the JSONL text
     * @return what the stream says
     */
    public static CodexEventLog parse(String text) {
        CodexEventLog log = new CodexEventLog();
        try {
            log.consume(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return log;
    }

    private void consume(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
        boolean overlong = false;
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    if (!overlong) {
                        line.write(buf, start, i - start);
                        line(line);
                    } else {
                        skippedLines++;
                    }
                    line.reset();
                    overlong = false;
                    start = i + 1;
                }
            }
            if (!overlong) {
                int rest = n - start;
                if (line.size() + rest > MAX_LINE_BYTES) {
                    overlong = true;
                    line.reset();
                } else {
                    line.write(buf, start, rest);
                }
            }
        }
        if (overlong) {
            skippedLines++;
        } else if (line.size() > 0) {
            line(line);
        }
    }

    private void line(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (!trimmed.startsWith("{")) {
            skippedLines++;
            return;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(trimmed);
        } catch (IOException | RuntimeException e) {
            skippedLines++;
            return;
        }
        if (node == null || !node.isObject()) {
            skippedLines++;
            return;
        }
        jsonEvents++;
        try {
            event(node);
        } catch (RuntimeException e) {
            skippedLines++;
        }
    }

    private void event(JsonNode node) {
        String type = node.path("type").asText("");
        switch (type) {
            case "thread.started":
                threadId = text(node.get("thread_id"));
                break;
            case "turn.started":
            case "item.started":
            case "item.updated":
                break;
            case "item.completed":
                JsonNode item = node.path("item");
                if ("agent_message".equals(item.path("type").asText()) && item.path("text").isTextual()) {
                    lastAgentMessage = item.path("text").asText();
                }
                break;
            case "turn.completed":
                turnsCompleted++;
                turnOutcome = TurnOutcome.COMPLETED;
                usage(node.path("usage"));
                break;
            case "turn.failed":
                turnsFailed++;
                turnOutcome = TurnOutcome.FAILED;
                JsonNode error = node.path("error");
                turnFailureMessage = error.isObject() ? text(error.get("message")) : text(error);
                break;
            case "error":
                errorEventCount++;
                if (errorNotices.size() < MAX_NOTICES) {
                    String message = text(node.get("message"));
                    errorNotices.add(message == null ? node.toString() : message);
                }
                break;
            case "event_msg":
                legacy(node.path("payload"));
                break;
            case "token_count":
                legacy(node);
                break;
            default:
                unknownEvents++;
        }
    }

    private void usage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        usageTurns++;
        input += count(usage.get("input_tokens"), 0);
        cached += count(usage.get("cached_input_tokens"), 0);
        output += count(usage.get("output_tokens"), 0);
        reasoning += count(usage.get("reasoning_output_tokens"), 0);
    }

    /** The original's {@code token_count} extractor, kept for old binaries and rollout files. */
    private void legacy(JsonNode payload) {
        if (!payload.isObject() || !"token_count".equals(payload.path("type").asText())) {
            return;
        }
        JsonNode info = payload.path("info");
        JsonNode usage = info.path("total_token_usage");
        if (!usage.isObject()) {
            usage = info.path("last_token_usage");
        }
        if (!usage.isObject()) {
            return;
        }
        Long in = integer(usage.get("input_tokens"));
        Long out = integer(usage.get("output_tokens"));
        if (in == null || out == null || in < 0 || out < 0) {
            return;
        }
        long cachedTokens = count(usage.get("cached_input_tokens"), 0);
        long thinking = 0;
        for (String key : List.of("reasoning_output_tokens", "thinking_tokens", "reasoning_tokens")) {
            if (usage.has(key)) {
                thinking = count(usage.get(key), 0);
                break;
            }
        }
        long total = count(usage.get("total_tokens"), in + out);
        TokenUsage candidate = new TokenUsage(in, cachedTokens, out, thinking, total);
        if (legacyUsage == null || candidate.totalTokens() >= legacyUsage.totalTokens()) {
            legacyUsage = candidate;
        }
    }

    private static long count(JsonNode node, long fallback) {
        Long v = integer(node);
        return v == null || v < 0 ? fallback : v;
    }

    /** An int, or an integer-valued float; null for anything else (booleans included). */
    private static Long integer(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.asLong() : null;
        }
        double d = node.asDouble();
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return (long) d;
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    /**
     * Returns the text of the last {@code agent_message} item.
     *
     * @return the text, or null when there was none
     */
    public String lastAgentMessage() {
        return lastAgentMessage;
    }

    /**
     * Returns the token usage: the sum of every {@code turn.completed.usage}, else the legacy
     * {@code token_count} candidate, else null.
     *
     * @return the usage, or null when the stream reported none
     */
    public TokenUsage tokenUsage() {
        if (usageTurns > 0) {
            return new TokenUsage(input, cached, output, reasoning, input + output);
        }
        return legacyUsage;
    }

    /**
     * Returns how the last turn ended.
     *
     * @return the outcome
     */
    public TurnOutcome turnOutcome() {
        return turnOutcome;
    }

    /**
     * Returns the message of the last {@code turn.failed}.
     *
     * @return the message, or null
     */
    public String turnFailureMessage() {
        return turnFailureMessage;
    }

    /**
     * Returns the number of {@code turn.completed} events.
     *
     * @return the count
     */
    public int turnsCompleted() {
        return turnsCompleted;
    }

    /**
     * Returns the number of {@code turn.failed} events.
     *
     * @return the count
     */
    public int turnsFailed() {
        return turnsFailed;
    }

    /**
     * Returns the messages of the first top-level {@code error} events (at most twenty).
     *
     * @return the messages
     */
    public List<String> errorNotices() {
        return Collections.unmodifiableList(errorNotices);
    }

    /**
     * Returns the number of top-level {@code error} events.
     *
     * @return the count
     */
    public int errorEventCount() {
        return errorEventCount;
    }

    /**
     * Returns the number of lines that parsed as JSON objects.
     *
     * @return the count
     */
    public int jsonEvents() {
        return jsonEvents;
    }

    /**
     * Returns the number of JSON events of a type this parser does not know.
     *
     * @return the count
     */
    public int unknownEvents() {
        return unknownEvents;
    }

    /**
     * Returns the number of non-empty lines skipped (not JSON, not an object, too long).
     *
     * @return the count
     */
    public int skippedLines() {
        return skippedLines;
    }

    /**
     * Returns the thread id of {@code thread.started}.
     *
     * @return the id, or null
     */
    public String threadId() {
        return threadId;
    }
}
