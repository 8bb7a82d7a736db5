package ai.millrace.cli;

import ai.millrace.api.run.TokenUsage;
import ai.millrace.cli.internal.Report;
import ai.millrace.core.runs.RunInspection;
import ai.millrace.core.runs.RunInspector;
import ai.millrace.core.runs.StageResultSummary;
import ai.millrace.core.runs.TailArtifact;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code millrace runs ls|show|tail}: persisted run inspection (spec 02 section 7.6). */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Inspect persisted runs.",
        subcommands = {RunsCommand.Ls.class, RunsCommand.Show.class, RunsCommand.Tail.class})
final class RunsCommand {
    /** {@code millrace runs ls}: every run, oldest first. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List runs, oldest first.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            List<RunInspection> runs = RunInspector.of(paths.workspaceRoot()).list();
            PrintWriter out = spec.commandLine().getOut();
            if (json.json) {
                List<Object> all = new ArrayList<>();
                for (RunInspection run : runs) {
                    all.add(listEntry(run).toJson());
                }
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("runs", all);
                JsonOption.printJson(root, out);
                return 0;
            }
            for (int i = 0; i < runs.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                listEntry(runs.get(i)).printText(out);
            }
            return 0;
        }

        private static Report listEntry(RunInspection run) {
            return new Report().put("run_id", run.runId()).put("status", run.status().wireName())
                    .put("work_item_kind", run.workItemKind()).put("work_item_id", run.workItemId())
                    .put("failure_class", run.failureClass()).jsonOnly("started_at", run.startedAt())
                    .jsonOnly("completed_at", run.completedAt())
                    .jsonOnly("stage_result_count", run.stageResults().size());
        }
    }

    /** {@code millrace runs show RUN_ID}: run fields, totals, each stage result, and a timeline. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one run: fields, token and duration totals, every stage result, a per-stage timeline.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "RUN_ID", description = "The run id (see millrace runs ls).")
        String runId;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            RunInspection run = RunInspector.of(paths.workspaceRoot()).find(runId)
                    .orElseThrow(() -> new CliFailure("run not found: " + runId, "`millrace runs ls` lists the runs"));
            json.print(report(run), spec.commandLine().getOut());
            return 0;
        }

        static Report report(RunInspection run) {
            Report r = new Report();
            r.put("run_id", run.runId()).put("status", run.status().wireName())
                    .put("compiled_plan_id", run.compiledPlanId()).put("mode_id", run.modeId())
                    .put("request_kind", run.requestKind())
                    .put("closure_target_root_spec_id", run.closureTargetRootSpecId())
                    .put("work_item_kind", run.workItemKind()).put("work_item_id", run.workItemId())
                    .put("failure_class", run.failureClass()).put("started_at", run.startedAt())
                    .put("completed_at", run.completedAt()).put("duration_seconds", run.durationSeconds())
                    .put("troubleshoot_report_path", run.troubleshootReportPath())
                    .put("primary_stdout_path", run.primaryStdoutPath())
                    .put("primary_stderr_path", run.primaryStderrPath())
                    .put("stage_result_count", run.stageResults().size());
            tokens(r, run.tokenUsage());
            r.ensureList("notes");
            for (String note : run.notes()) {
                r.repeat("note", "notes", note, note);
            }
            List<Object> stages = new ArrayList<>();
            for (StageResultSummary s : run.stageResults()) {
                Report one = new Report();
                one.put("stage_result_path", s.stageResultPath()).put("request_id", s.requestId())
                        .put("compiled_plan_id", s.compiledPlanId()).put("mode_id", s.modeId()).put("stage", s.stage())
                        .put("node_id", s.nodeId()).put("stage_kind_id", s.stageKindId())
                        .put("request_kind", s.requestKind())
                        .put("closure_target_root_spec_id", s.closureTargetRootSpecId())
                        .put("terminal_result", s.terminalResult()).put("result_class", s.resultClass())
                        .put("runner_name", s.runnerName()).put("model_name", s.modelName())
                        .put("model_reasoning_effort", s.modelReasoningEffort()).put("started_at", s.startedAt())
                        .put("completed_at", s.completedAt()).put("duration_seconds", s.durationSeconds())
                        .put("stdout_path", s.stdoutPath()).put("stderr_path", s.stderrPath())
                        .put("report_artifact", s.reportArtifact());
                tokens(one, s.tokenUsage());
                one.ensureList("artifact_paths");
                for (String a : s.artifactPaths()) {
                    one.repeat("artifact_path", "artifact_paths", a, a);
                }
                one.jsonOnly("plane", s.plane()).jsonOnly("failure_class", s.failureClass());
                stages.add(one);
            }
            // The stage blocks print inline; JSON nests them.
            for (Object o : stages) {
                Report one = (Report) o;
                r.append(one);
            }
            List<Object> stageJson = new ArrayList<>();
            for (Object o : stages) {
                stageJson.add(((Report) o).toJson());
            }
            r.jsonOnly("stage_results", stageJson);
            r.ensureList("timeline");
            for (StageResultSummary s : run.stageResults()) {
                double offset = seconds(Duration.between(run.startedAt(), s.startedAt()));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("offset_seconds", offset);
                entry.put("duration_seconds", s.durationSeconds());
                entry.put("plane", s.plane());
                entry.put("stage", s.stage());
                entry.put("node_id", s.nodeId());
                entry.put("terminal_result", s.terminalResult());
                entry.put("result_class", s.resultClass());
                entry.put("total_tokens", s.tokenUsage() == null ? null : s.tokenUsage().totalTokens());
                r.repeat("timeline", "timeline", entry, String.format(Locale.ROOT, "+%.3fs %.3fs %s/%s %s %s%s", offset,
                        s.durationSeconds(), s.plane(), s.nodeId(), s.terminalResult(), s.resultClass(),
                        s.tokenUsage() == null ? "" : " tokens=" + s.tokenUsage().totalTokens()));
            }
            return r;
        }

        private static double seconds(Duration d) {
            return Math.max(0, d.getSeconds() + d.getNano() / 1e9);
        }

        private static void tokens(Report r, TokenUsage t) {
            if (t != null) {
                r.put("input_tokens", t.inputTokens()).put("cached_input_tokens", t.cachedInputTokens())
                        .put("output_tokens", t.outputTokens()).put("thinking_tokens", t.thinkingTokens())
                        .put("total_tokens", t.totalTokens());
            } else {
                r.jsonOnly("token_usage", null);
            }
        }
    }

    /** {@code millrace runs tail RUN_ID}: prints the run's most telling artifact verbatim. */
    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print a run's troubleshoot report, else its latest runner output, else its latest stage result.")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "RUN_ID", description = "The run id (see millrace runs ls).")
        String runId;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            RunInspector inspector = RunInspector.of(paths.workspaceRoot());
            RunInspection run = inspector.find(runId)
                    .orElseThrow(() -> new CliFailure("run not found: " + runId, "`millrace runs ls` lists the runs"));
            TailArtifact artifact = inspector.tail(run)
                    .orElseThrow(() -> new CliFailure("no tailable artifact found for run: " + runId));
            String content;
            try {
                content = Files.readString(artifact.path(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(String.valueOf(e.getMessage()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json.json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("run_id", run.runId());
                root.put("artifact_kind", artifact.kind());
                root.put("path", artifact.path().toString());
                root.put("content", content);
                JsonOption.printJson(root, out);
            } else {
                out.print(content);
            }
            out.flush();
            return 0;
        }
    }
}
