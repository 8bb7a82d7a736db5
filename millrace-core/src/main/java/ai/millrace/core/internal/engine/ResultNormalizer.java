package ai.millrace.core.internal.engine;

import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a runner returned into the one {@link StageResultEnvelope} the router reads.
 *
 * <p>The runner never decides the terminal result; this class does, by the original's rules:
 * identity check, exit kind, exit code, then the terminal marker from a structured result file or
 * from the scanned output ({@code ### TOKEN} lines; more than one distinct token conflicts). Every
 * failure becomes a retryable {@code BLOCKED} / {@code recoverable_failure} envelope carrying a
 * failure class, so a bad run starts its own recovery lineage. Stateless and thread-safe.
 */
public final class ResultNormalizer {
    /** A marker line, after stripping: {@code ### TOKEN}. */
    private static final Pattern MARKER = Pattern.compile("^###\\s+([A-Z_]+)\\s*$");
    private static final Set<String> STRUCTURED_KEYS =
            Set.of("stage", "terminal_result", "result_class", "summary_artifact_paths");

    /** Failure class: the runner's identity or transport broke. */
    public static final String RUNNER_TRANSPORT_FAILURE = "runner_transport_failure";
    /** Failure class: the runner timed out. */
    public static final String RUNNER_TIMEOUT = "runner_timeout";
    /** Failure class: the model provider failed. */
    public static final String PROVIDER_FAILURE = "provider_failure";
    /** Failure class: no terminal marker was found. */
    public static final String MISSING_TERMINAL_RESULT = "missing_terminal_result";
    /** Failure class: the marker is not legal for the stage. */
    public static final String ILLEGAL_TERMINAL_RESULT = "illegal_terminal_result";
    /** Failure class: more than one distinct marker was printed. */
    public static final String CONFLICTING_TERMINAL_RESULTS = "conflicting_terminal_results";
    /** Failure class: a declared summary artifact is missing from the run directory. */
    public static final String MISSING_REQUIRED_ARTIFACT = "missing_required_artifact";
    /** Failure class: the runtime stopped while the stage ran, so its outcome is unknown. */
    public static final String UNKNOWN_OUTCOME = "unknown_outcome";

    /**
     * Normalizes one raw result.
     *
     * @param request the request the runner was given
     * @param raw what it returned
     * @return the envelope, never null
     */
    public StageResultEnvelope normalize(StageRunRequest request, RunnerRawResult raw) {
        Outcome outcome = evaluate(request, raw);
        return envelope(request, raw, outcome);
    }

    /**
     * Builds the result of a stage whose runner was cut off by a crash or kill of the runtime:
     * the stage may or may not have done its work, so it is routed through recovery with the
     * failure class {@value #UNKNOWN_OUTCOME} rather than blindly re-run. Its run directory and
     * whatever the runner left there are kept and listed.
     *
     * @param request the request that was dispatched
     * @param dispatchedAt when it was dispatched
     * @param now when the runtime found it
     * @return a retryable {@code BLOCKED} envelope
     */
    public StageResultEnvelope unknownOutcome(StageRunRequest request, java.time.Instant dispatchedAt,
            java.time.Instant now) {
        RunnerRawResult raw = RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId())
                .stage(request.stage()).runnerName(request.runnerName() != null ? request.runnerName() : "unknown")
                .exitKind(RunnerExitKind.INTERRUPTED).startedAt(dispatchedAt)
                .endedAt(now.isBefore(dispatchedAt) ? dispatchedAt : now).build();
        return envelope(request, raw, Outcome.failure(UNKNOWN_OUTCOME, List.of(
                "the runtime stopped while this stage was running; its outcome is unknown",
                "run artifacts kept in " + request.runDir()), null));
    }

    private Outcome evaluate(StageRunRequest request, RunnerRawResult raw) {
        List<String> mismatches = new ArrayList<>();
        if (!raw.requestId().equals(request.requestId())) {
            mismatches.add("request_id mismatch: expected " + request.requestId() + ", got " + raw.requestId());
        }
        if (!raw.runId().equals(request.runId())) {
            mismatches.add("run_id mismatch: expected " + request.runId() + ", got " + raw.runId());
        }
        if (!raw.stage().equals(request.stage())) {
            mismatches.add("stage mismatch: expected " + request.stage() + ", got " + raw.stage());
        }
        if (!mismatches.isEmpty()) {
            return Outcome.failure(RUNNER_TRANSPORT_FAILURE, mismatches, null);
        }
        switch (raw.exitKind()) {
            case TIMEOUT:
                return Outcome.failure(RUNNER_TIMEOUT, List.of("runner exited with timeout"), null);
            case PROVIDER_ERROR:
                return Outcome.failure(PROVIDER_FAILURE, List.of("runner exited with provider_error"), null);
            case RUNNER_ERROR:
            case INTERRUPTED:
                return Outcome.failure(RUNNER_TRANSPORT_FAILURE, List.of("runner exited with " + raw.exitKind()), null);
            case COMPLETED:
                break;
            default:
                throw new AssertionError(raw.exitKind());
        }
        if (raw.exitCode() != null && raw.exitCode() != 0) {
            return Outcome.failure(RUNNER_TRANSPORT_FAILURE,
                    List.of("runner completed with non-zero exit code " + raw.exitCode()), null);
        }
        return raw.terminalResultPath() != null ? fromStructuredFile(request, Path.of(raw.terminalResultPath()))
                : fromStdout(request, raw.stdoutPath());
    }

    private Outcome fromStdout(StageRunRequest request, String stdoutPath) {
        if (stdoutPath == null || !Files.isRegularFile(Path.of(stdoutPath))) {
            return Outcome.failure(MISSING_TERMINAL_RESULT, List.of("no terminal token found in stdout"), null);
        }
        String text;
        try {
            text = Files.readString(Path.of(stdoutPath), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Outcome.failure(RUNNER_TRANSPORT_FAILURE, List.of("cannot read runner output: " + e.getMessage()), null);
        }
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            Matcher m = MARKER.matcher(line.strip());
            if (m.matches()) {
                tokens.add(m.group(1));
            }
        }
        if (tokens.isEmpty()) {
            return Outcome.failure(MISSING_TERMINAL_RESULT, List.of("no terminal token found in stdout"), null);
        }
        String last = tokens.get(tokens.size() - 1);
        String marker = TerminalResult.MARKER_PREFIX + last;
        if (new LinkedHashSet<>(tokens).size() > 1) {
            return Outcome.failure(CONFLICTING_TERMINAL_RESULTS,
                    List.of("conflicting terminal tokens in stdout: " + String.join(", ", new LinkedHashSet<>(tokens))),
                    marker);
        }
        if (!request.legalTerminalMarkers().contains(marker)) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT,
                    List.of("terminal token " + marker + " is not legal for stage " + request.stage()), marker);
        }
        TerminalResult result = TerminalResult.of(last);
        ResultClass resultClass = resolveClass(request, result, null);
        if (resultClass == null) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT,
                    List.of("cannot resolve a result class for " + marker), marker);
        }
        return Outcome.success(result, resultClass, marker, List.of(), "stdout_terminal_token",
                "terminal result resolved from stdout token");
    }

    private Outcome fromStructuredFile(StageRunRequest request, Path file) {
        if (!Files.isRegularFile(file)) {
            return Outcome.failure(MISSING_TERMINAL_RESULT, List.of("structured result file is missing: " + file), null);
        }
        JsonNode node;
        try {
            node = MillraceJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT, List.of("structured result file is not valid JSON: " + file), null);
        }
        if (node == null || !node.isObject()) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT, List.of("structured result file is not a JSON object"), null);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!STRUCTURED_KEYS.contains(key)) {
                return Outcome.failure(ILLEGAL_TERMINAL_RESULT,
                        List.of("structured result file has unknown key '" + key + "'"), null);
            }
        }
        JsonNode stage = node.get("stage");
        if (stage != null && !stage.isNull() && (!stage.isTextual() || !stage.asText().equals(request.stage().value()))) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT,
                    List.of("structured result stage " + stage + " does not match " + request.stage()), null);
        }
        JsonNode token = node.get("terminal_result");
        if (token == null || !token.isTextual()) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT, List.of("structured result file needs terminal_result"), null);
        }
        String marker = TerminalResult.MARKER_PREFIX + token.asText();
        if (!request.legalTerminalMarkers().contains(marker)) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT,
                    List.of("terminal result " + marker + " is not legal for stage " + request.stage()), marker);
        }
        TerminalResult result = TerminalResult.of(token.asText());
        JsonNode explicit = node.get("result_class");
        if (explicit != null && !explicit.isNull() && !explicit.isTextual()) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT, List.of("result_class must be a string"), marker);
        }
        ResultClass resultClass = resolveClass(request, result, explicit == null || explicit.isNull() ? null : explicit.asText());
        if (resultClass == null) {
            return Outcome.failure(ILLEGAL_TERMINAL_RESULT,
                    List.of("result class is not allowed for " + marker), marker);
        }
        List<String> artifacts = new ArrayList<>();
        JsonNode paths = node.get("summary_artifact_paths");
        if (paths != null && !paths.isNull()) {
            if (!paths.isArray()) {
                return Outcome.failure(ILLEGAL_TERMINAL_RESULT, List.of("summary_artifact_paths must be a list"), marker);
            }
            Path runDir = request.runDirectory();
            for (JsonNode p : paths) {
                if (!p.isTextual()) {
                    return Outcome.failure(ILLEGAL_TERMINAL_RESULT, List.of("summary_artifact_paths must hold strings"), marker);
                }
                Path resolved = runDir.resolve(p.asText()).normalize();
                if (!insideRunDir(runDir, resolved)) {
                    return Outcome.failure(MISSING_REQUIRED_ARTIFACT,
                            List.of("summary artifact is missing or outside the run directory: " + p.asText()), marker);
                }
                artifacts.add(resolved.toString());
            }
        }
        return Outcome.success(result, resultClass, marker, artifacts, "structured_result_file",
                "terminal result resolved from structured result file");
    }

    private static boolean insideRunDir(Path runDir, Path candidate) {
        try {
            if (!Files.exists(candidate)) {
                return false;
            }
            return candidate.toRealPath().startsWith(runDir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static ResultClass resolveClass(StageRunRequest request, TerminalResult result, String explicit) {
        List<ResultClass> allowed = request.allowedResultClassesByOutcome().get(result);
        if (allowed == null || allowed.isEmpty()) {
            return null;
        }
        if (explicit != null) {
            for (ResultClass c : allowed) {
                if (c.wireName().equals(explicit)) {
                    return c;
                }
            }
            return null;
        }
        if (allowed.size() == 1) {
            return allowed.get(0);
        }
        if (result.equals(TerminalResult.BLOCKED) && allowed.contains(ResultClass.BLOCKED)) {
            return ResultClass.BLOCKED;
        }
        return null;
    }

    private StageResultEnvelope envelope(StageRunRequest request, RunnerRawResult raw, Outcome outcome) {
        boolean reconciled = raw.observedExitKind() == RunnerExitKind.TIMEOUT && raw.exitKind() == RunnerExitKind.COMPLETED;
        List<String> notes = new ArrayList<>(outcome.notes);
        if (outcome.success && reconciled) {
            notes.add("runner timeout was reconciled after a final terminal marker was captured");
        }
        String report = reportArtifact(request);
        LinkedHashSet<String> artifacts = new LinkedHashSet<>(outcome.artifacts);
        if (report != null) {
            artifacts.add(report);
        }
        if (raw.eventLogPath() != null) {
            artifacts.add(raw.eventLogPath());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("request_id", request.requestId());
        metadata.put("request_kind", request.requestKind().wireName());
        metadata.put("mode_id", request.modeId());
        metadata.put("compiled_plan_id", request.compiledPlanId());
        metadata.put("closure_target_root_spec_id", request.closureTargetRootSpecId());
        metadata.put("closure_target_root_idea_id", request.closureTargetRootIdeaId());
        metadata.put("preferred_rubric_path", request.preferredRubricPath());
        metadata.put("preferred_verdict_path", request.preferredVerdictPath());
        metadata.put("preferred_report_path", request.preferredReportPath());
        metadata.put("skill_revision_evidence_path", request.skillRevisionEvidencePath());
        metadata.put("model_reasoning_effort", request.modelReasoningEffort());
        metadata.put("normalization_source", outcome.success ? outcome.source : "failure");
        metadata.put("failure_class", outcome.success ? null : outcome.failureClass);
        metadata.put("valid_terminal_result", outcome.success);
        RunnerExitKind rawKind = raw.observedExitKind() != null ? raw.observedExitKind() : raw.exitKind();
        metadata.put("raw_exit_kind", rawKind.wireName());
        metadata.put("raw_exit_code", raw.observedExitCode() != null ? raw.observedExitCode() : raw.exitCode());
        metadata.put("timeout_reconciled", reconciled);

        double duration = Duration.between(raw.startedAt(), raw.endedAt()).toNanos() / 1_000_000_000.0;
        int exitCode = outcome.success
                ? (raw.exitCode() == null ? 0 : raw.exitCode())
                : (raw.exitCode() == null || raw.exitCode() == 0 ? 1 : raw.exitCode());
        TerminalResult terminal = outcome.success ? outcome.result : TerminalResult.BLOCKED;
        ResultClass resultClass = outcome.success ? outcome.resultClass : ResultClass.RECOVERABLE_FAILURE;
        String[] identity = identity(request);
        return StageResultEnvelope.builder()
                .runId(request.runId())
                .plane(request.plane())
                .stage(request.stage())
                .nodeId(request.nodeId())
                .stageKindId(request.stageKindId())
                .workItemKind(WorkItemKind.of(identity[0]))
                .workItemId(identity[1])
                .terminalResult(terminal)
                .resultClass(resultClass)
                .summaryStatusMarker(terminal.marker())
                .success(resultClass == ResultClass.SUCCESS)
                .retryable(!outcome.success)
                .exitCode(exitCode)
                .durationSeconds(Math.max(0, duration))
                .reportArtifact(report)
                .artifactPaths(List.copyOf(artifacts))
                .detectedMarker(outcome.marker)
                .stdoutPath(raw.stdoutPath())
                .stderrPath(raw.stderrPath())
                .runnerName(raw.runnerName())
                .modelName(raw.modelName())
                .modelReasoningEffort(raw.modelReasoningEffort() != null ? raw.modelReasoningEffort()
                        : request.modelReasoningEffort())
                .tokenUsage(raw.tokenUsage())
                .notes(notes)
                .metadata(metadata)
                .startedAt(raw.startedAt())
                .completedAt(raw.endedAt())
                .build();
    }

    private static String[] identity(StageRunRequest request) {
        if (request.requestKind() == RequestKind.CLOSURE_TARGET) {
            return new String[] {WorkItemKind.SPEC.wireName(), request.closureTargetRootSpecId()};
        }
        if (request.activeWorkItemKind() == null || request.activeWorkItemId() == null) {
            throw new IllegalStateException("request " + request.requestId() + " has no work item identity");
        }
        return new String[] {request.activeWorkItemKind().wireName(), request.activeWorkItemId()};
    }

    private static String reportArtifact(StageRunRequest request) {
        for (String candidate : new String[] {request.preferredReportPath(), request.preferredTroubleshootReportPath()}) {
            if (candidate != null) {
                Path p = Path.of(candidate);
                if (Files.isRegularFile(p) && insideRunDir(request.runDirectory(), p)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The result of extraction: either a legal terminal result or a failure class with notes. */
    private static final class Outcome {
        final boolean success;
        final TerminalResult result;
        final ResultClass resultClass;
        final String marker;
        final List<String> artifacts;
        final String source;
        final String failureClass;
        final List<String> notes;

        private Outcome(boolean success, TerminalResult result, ResultClass resultClass, String marker,
                List<String> artifacts, String source, String failureClass, List<String> notes) {
            this.success = success;
            this.result = result;
            this.resultClass = resultClass;
            this.marker = marker;
            this.artifacts = artifacts;
            this.source = source;
            this.failureClass = failureClass;
            this.notes = notes;
        }

        static Outcome success(TerminalResult result, ResultClass resultClass, String marker, List<String> artifacts,
                String source, String note) {
            return new Outcome(true, result, resultClass, marker, artifacts, source, null, List.of(note));
        }

        static Outcome failure(String failureClass, List<String> notes, String marker) {
            return new Outcome(false, null, null, marker, List.of(), null, failureClass, notes);
        }
    }
}
