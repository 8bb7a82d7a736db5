package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.harness.ArtifactJson;
import ai.millrace.api.internal.harness.AtomicWrite;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files one run writes into {@code request.run_dir}, named after the request id, and the two
 * JSON records ({@code runner_invocation}, {@code runner_completion}) in the original's schema and
 * key order. Immutable; the write methods may be called from any one thread.
 */
public final class RunArtifacts {
    private final StageRunRequest request;
    private final Path runDir;

    /**
     * Creates the artifact set of a request.
     *
     * @param request the stage request, never null
     */
    public RunArtifacts(StageRunRequest request) {
        this.request = request;
        this.runDir = request.runDirectory().toAbsolutePath();
    }

    /**
     * Returns the run folder.
     *
     * @return the absolute run folder
     */
    public Path runDir() {
        return runDir;
    }

    /**
     * Returns {@code runner_prompt.<id>.md}.
     *
     * @return the path
     */
    public Path prompt() {
        return file("runner_prompt", "md");
    }

    /**
     * Returns {@code runner_invocation.<id>.json}.
     *
     * @return the path
     */
    public Path invocation() {
        return file("runner_invocation", "json");
    }

    /**
     * Returns {@code runner_stdout.<id>.txt}, the assistant's final text.
     *
     * @return the path
     */
    public Path stdout() {
        return file("runner_stdout", "txt");
    }

    /**
     * Returns {@code runner_stderr.<id>.txt}.
     *
     * @return the path
     */
    public Path stderr() {
        return file("runner_stderr", "txt");
    }

    /**
     * Returns {@code runner_events.<id>.jsonl}.
     *
     * @return the path
     */
    public Path events() {
        return file("runner_events", "jsonl");
    }

    /**
     * Returns {@code runner_completion.<id>.json}.
     *
     * @return the path
     */
    public Path completion() {
        return file("runner_completion", "json");
    }

    /**
     * Writes {@code runner_invocation} atomically.
     *
     * @param runnerName the runner id
     * @param modelName the model used, may be null
     * @param command the command line
     * @param emittedAt when the run started
     * @throws IOException when the file cannot be written
     */
    public void writeInvocation(String runnerName, String modelName, List<String> command, Instant emittedAt)
            throws IOException {
        Map<String, Object> doc = header("runner_invocation", runnerName);
        doc.put("model_name", modelName);
        doc.put("model_reasoning_effort", request.modelReasoningEffort());
        doc.put("command", command);
        doc.put("prompt_path", prompt().toString());
        doc.put("emitted_at", emittedAt);
        AtomicWrite.text(invocation(), ArtifactJson.write(doc));
    }

    /**
     * Writes {@code runner_completion} atomically.
     *
     * @param result the raw result, never null
     * @param failureClass the failure class, may be null
     * @param notes the notes, never null
     * @param command the command line
     * @param emittedAt when the record is written
     * @throws IOException when the file cannot be written
     */
    public void writeCompletion(RunnerRawResult result, String failureClass, List<String> notes,
            List<String> command, Instant emittedAt) throws IOException {
        Map<String, Object> doc = header("runner_completion", result.runnerName());
        doc.put("model_reasoning_effort", result.modelReasoningEffort());
        doc.put("exit_kind", result.exitKind().wireName());
        doc.put("exit_code", result.exitCode());
        doc.put("observed_exit_kind", result.observedExitKind() == null ? null : result.observedExitKind().wireName());
        doc.put("observed_exit_code", result.observedExitCode());
        doc.put("stdout_path", result.stdoutPath());
        doc.put("stderr_path", result.stderrPath());
        doc.put("terminal_result_path", result.terminalResultPath());
        doc.put("event_log_path", result.eventLogPath());
        doc.put("token_usage", usage(result.tokenUsage()));
        doc.put("started_at", result.startedAt());
        doc.put("ended_at", result.endedAt());
        doc.put("failure_class", failureClass);
        doc.put("notes", List.copyOf(notes));
        doc.put("command", command);
        doc.put("emitted_at", emittedAt);
        AtomicWrite.text(completion(), ArtifactJson.write(doc));
    }

    private Map<String, Object> header(String kind, String runnerName) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", "1.0");
        doc.put("kind", kind);
        doc.put("request_id", request.requestId());
        doc.put("run_id", request.runId());
        doc.put("stage", request.stage().value());
        doc.put("request_kind", request.requestKind().wireName());
        doc.put("active_work_item_id", request.activeWorkItemId());
        doc.put("closure_target_root_spec_id", request.closureTargetRootSpecId());
        doc.put("runner_name", runnerName);
        return doc;
    }

    private static Map<String, Object> usage(TokenUsage usage) {
        if (usage == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("input_tokens", usage.inputTokens());
        doc.put("cached_input_tokens", usage.cachedInputTokens());
        doc.put("output_tokens", usage.outputTokens());
        doc.put("thinking_tokens", usage.thinkingTokens());
        doc.put("total_tokens", usage.totalTokens());
        return doc;
    }

    private Path file(String prefix, String extension) {
        return runDir.resolve(prefix + "." + request.requestId() + "." + extension);
    }
}
