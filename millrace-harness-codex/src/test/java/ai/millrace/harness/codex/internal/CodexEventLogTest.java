package ai.millrace.harness.codex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.millrace.api.run.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexEventLogTest {
    static String resource(String path) throws IOException {
        try (InputStream in = CodexEventLogTest.class.getResourceAsStream("/samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void realCodexToolRun() throws IOException {
        CodexEventLog log = CodexEventLog.parse(resource("harness-protocol/codex_exec_json_tool_run.jsonl"));
        assertEquals("Fake model finished the stage.\n\n### BUILDER_COMPLETE", log.lastAgentMessage());
        assertEquals(new TokenUsage(10719, 0, 31, 0, 10750), log.tokenUsage());
        assertEquals(CodexEventLog.TurnOutcome.COMPLETED, log.turnOutcome());
        assertEquals(0, log.errorEventCount(), "the model-metadata warning is an item, not an error event");
        assertEquals("01a20b67-eff0-7e31-85dd-d110818e12de", log.threadId());
        assertEquals(0, log.skippedLines());
        assertEquals(0, log.unknownEvents());
    }

    @Test
    void goldenRunsOfTheOriginal() throws IOException {
        CodexEventLog basic = CodexEventLog.parse(resource("harness-runs/codex_basic/runner_events.req-codex_basic.jsonl"));
        assertEquals(new TokenUsage(5740, 0, 13, 0, 5753), basic.tokenUsage());
        CodexEventLog tool = CodexEventLog.parse(resource("harness-runs/codex_tool/runner_events.req-codex_tool.jsonl"));
        assertEquals("Wrote out/tool_proof.txt via the shell tool.\n\n### BUILDER_COMPLETE", tool.lastAgentMessage());
        assertEquals(new TokenUsage(11610, 0, 42, 0, 11652), tool.tokenUsage());
        CodexEventLog timeout = CodexEventLog.parse(resource("harness-runs/codex_timeout/runner_events.req-codex_timeout.jsonl"));
        assertNull(timeout.tokenUsage());
        assertNull(timeout.lastAgentMessage());
        assertEquals(CodexEventLog.TurnOutcome.NONE, timeout.turnOutcome());
    }

    @Test
    void usageIsSummedAcrossTurnsWithCachedAndReasoning() {
        CodexEventLog log = CodexEventLog.parse(String.join("\n",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":5259,\"cached_input_tokens\":1000,\"output_tokens\":13,\"reasoning_output_tokens\":7}}",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":100,\"cached_input_tokens\":50,\"output_tokens\":2.0,\"reasoning_output_tokens\":\"x\"}}"));
        assertEquals(new TokenUsage(5359, 1050, 15, 7, 5374), log.tokenUsage());
        assertEquals(2, log.turnsCompleted());
    }

    @Test
    void legacyTokenCountEventsWhenNoTurnReportsUsage() {
        CodexEventLog log = CodexEventLog.parse(String.join("\n",
                "{\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":10,\"output_tokens\":5,\"total_tokens\":15}}}}",
                "{\"type\":\"token_count\",\"info\":{\"last_token_usage\":{\"input_tokens\":40,\"cached_input_tokens\":4,\"output_tokens\":6,\"thinking_tokens\":3}}}",
                "{\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":\"bad\",\"output_tokens\":5}}}}",
                "{\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":20,\"output_tokens\":3,\"total_tokens\":15}}}}"));
        assertEquals(new TokenUsage(40, 4, 6, 3, 46), log.tokenUsage());

        CodexEventLog tie = CodexEventLog.parse(String.join("\n",
                "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":10,\"output_tokens\":5}}}",
                "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":12,\"output_tokens\":3}}}"));
        assertEquals(new TokenUsage(12, 0, 3, 0, 15), tie.tokenUsage(), "the later candidate wins a tie");
    }

    @Test
    void turnFailedVersusRetryNotices() {
        CodexEventLog failed = CodexEventLog.parse(String.join("\n",
                "{\"type\":\"error\",\"message\":\"Reconnecting... 1/5\"}",
                "{\"type\":\"error\",\"message\":\"stream disconnected before completion: boom\"}",
                "{\"type\":\"turn.failed\",\"error\":{\"message\":\"stream disconnected before completion: boom\"}}"));
        assertEquals(CodexEventLog.TurnOutcome.FAILED, failed.turnOutcome());
        assertEquals("stream disconnected before completion: boom", failed.turnFailureMessage());
        assertEquals(2, failed.errorEventCount());

        CodexEventLog recovered = CodexEventLog.parse(String.join("\n",
                "{\"type\":\"error\",\"message\":\"Reconnecting... 1/5\"}",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));
        assertEquals(CodexEventLog.TurnOutcome.COMPLETED, recovered.turnOutcome());
        assertEquals(java.util.List.of("Reconnecting... 1/5"), recovered.errorNotices());
    }

    @Test
    void badLinesNeverBreakParsing() {
        CodexEventLog log = CodexEventLog.parse(String.join("\n",
                "\u0000\u0001 binary junk",
                "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":\"first\"}}",
                "{ not json",
                "   ",
                "[\"array\"]",
                "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":42}}",
                "{\"type\":\"item.completed\",\"item\":\"not an object\"}",
                "{\"type\":\"x.y\"}",
                "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":\"second\"}}\r",
                "{\"type\":\"turn.completed\",\"usage\":\"weird\"}"));
        assertEquals("second", log.lastAgentMessage());
        assertEquals(3, log.skippedLines());
        assertEquals(1, log.unknownEvents());
        assertNull(log.tokenUsage());
    }

    @Test
    void overlongLineIsSkippedAndTheRestIsRead(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("events.jsonl");
        try (var out = Files.newOutputStream(file)) {
            out.write("{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 33; i++) {
                out.write(chunk);
            }
            out.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
            out.write("{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":\"ok\"}}".getBytes(StandardCharsets.UTF_8));
        }
        CodexEventLog log = CodexEventLog.read(file);
        assertEquals("ok", log.lastAgentMessage());
        assertEquals(1, log.skippedLines());
    }

    @Test
    void missingFileIsAnEmptyStream(@TempDir Path tmp) throws IOException {
        CodexEventLog log = CodexEventLog.read(tmp.resolve("nope.jsonl"));
        assertNull(log.lastAgentMessage());
        assertNull(log.tokenUsage());
    }
}
