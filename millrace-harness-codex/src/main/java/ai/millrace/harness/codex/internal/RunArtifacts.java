package ai.millrace.harness.codex.internal;

import ai.millrace.api.internal.harness.ArtifactJson;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-directory files of one stage run (spec 1.5) and the two JSON artifacts in the original's
 * key order.
 *
 * @param runDir the run directory
 * @param prompt {@code runner_prompt.<id>.md}
 * @param invocation {@code runner_invocation.<id>.json}
 * @param completion {@code runner_completion.<id>.json}
 * @param stdout {@code runner_stdout.<id>.txt}, the agent's final message
 * @param stderr {@code runner_stderr.<id>.txt}
 * @param events {@code runner_events.<id>.jsonl}, the raw {@code --json} output
 * @param lastMessage {@code runner_last_message.<id>.txt}, written by Codex
 */
public record RunArtifacts(Path runDir, Path prompt, Path invocation, Path completion, Path stdout, Path stderr,
        Path events, Path lastMessage) {

    /**
     * Names the files of a request.
     *
     * @param request the request
     * @return the paths inside its run directory
     */
    public static RunArtifacts of(StageRunRequest request) {
        Path dir = request.runDirectory().toAbsolutePath();
        String id = request.requestId();
        return new RunArtifacts(dir,
                dir.resolve("runner_prompt." + id + ".md"),
                dir.resolve("runner_invocation." + id + ".json"),
                dir.resolve("runner_completion." + id + ".json"),
                dir.resolve("runner_stdout." + id + ".txt"),
                dir.resolve("runner_stderr." + id + ".txt"),
                dir.resolve("runner_events." + id + ".jsonl"),
                dir.resolve("runner_last_message." + id + ".txt"));
    }

    /**
     * Renders {@code runner_invocation.<id>.json}.
     *
     * @param request the request
     * @param runnerName the runner id
     * @param effort the effective reasoning effort; may be null
     * @param command the argv
     * @param emittedAt when {@code run} started
     * @return the JSON text
     */
    public String invocationJson(StageRunRequest request, String runnerName, String effort, List<String> command,
            Instant emittedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", "1.0");
        m.put("kind", "runner_invocation");
        m.put("request_id", request.requestId());
        m.put("run_id", request.runId());
        m.put("stage", request.stage().value());
        m.put("request_kind", request.requestKind().wireName());
        m.put("active_work_item_id", request.activeWorkItemId());
        m.put("closure_target_root_spec_id", request.closureTargetRootSpecId());
        m.put("runner_name", runnerName);
        m.put("model_name", request.modelName());
        m.put("model_reasoning_effort", effort);
        m.put("command", command);
        m.put("prompt_path", prompt.toString());
        m.put("emitted_at", emittedAt);
        return ArtifactJson.write(m);
    }

    /**
     * Renders {@code runner_completion.<id>.json}.
     *
     * @param request the request
     * @param raw the result
     * @param failureClass the failure class; may be null
     * @param notes the notes
     * @param command the argv
     * @param emittedAt now
     * @return the JSON text
     */
    public static String completionJson(StageRunRequest request, RunnerRawResult raw, String failureClass,
            List<String> notes, List<String> command, Instant emittedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", "1.0");
        m.put("kind", "runner_completion");
        m.put("request_id", request.requestId());
        m.put("run_id", request.runId());
        m.put("stage", request.stage().value());
        m.put("request_kind", request.requestKind().wireName());
        m.put("active_work_item_id", request.activeWorkItemId());
        m.put("closure_target_root_spec_id", request.closureTargetRootSpecId());
        m.put("runner_name", raw.runnerName());
        m.put("model_reasoning_effort", raw.modelReasoningEffort());
        m.put("exit_kind", raw.exitKind().wireName());
        m.put("exit_code", raw.exitCode());
        m.put("observed_exit_kind", raw.observedExitKind() == null ? null : raw.observedExitKind().wireName());
        m.put("observed_exit_code", raw.observedExitCode());
        m.put("stdout_path", raw.stdoutPath());
        m.put("stderr_path", raw.stderrPath());
        m.put("terminal_result_path", raw.terminalResultPath());
        m.put("event_log_path", raw.eventLogPath());
        m.put("token_usage", usage(raw.tokenUsage()));
        m.put("started_at", raw.startedAt());
        m.put("ended_at", raw.endedAt());
        m.put("failure_class", failureClass);
        m.put("notes", notes);
        m.put("command", command);
        m.put("emitted_at", emittedAt);
        return ArtifactJson.write(m);
    }

    private static Map<String, Object> usage(TokenUsage u) {
        if (u == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_tokens", u.inputTokens());
        m.put("cached_input_tokens", u.cachedInputTokens());
        m.put("output_tokens", u.outputTokens());
        m.put("thinking_tokens", u.thinkingTokens());
        m.put("total_tokens", u.totalTokens());
        return m;
    }
}
