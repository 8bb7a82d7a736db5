package ai.millrace.cli;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompileInputFingerprint;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.PauseSource;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import ai.millrace.cli.internal.Fmt;
import ai.millrace.cli.internal.Report;
import ai.millrace.compiler.CurrentnessReport;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.internal.control.LockInspection;
import ai.millrace.core.internal.control.LockStatus;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/** The {@code status} block, in the original's exact line order (spec 02 section 8.1). */
final class StatusReport {
    private StatusReport() {
    }

    static Report build(Workspace ws) {
        WorkspacePaths paths = ws.paths;
        // Reading the persisted plan (a large contract) overlaps with the snapshot and the
        // configuration on a second core; start-up time is what status is judged by.
        FutureTask<Optional<CompiledRunPlan>> planLoad = new FutureTask<>(() -> ws.planStore().loadPlan());
        Thread loader = new Thread(planLoad, "millrace-status-plan");
        loader.setDaemon(true);
        loader.start();
        SnapshotView s = SnapshotView.read(paths.snapshotFile());
        LockInspection lock = ws.lock();
        Report r = new Report();
        r.put("workspace", paths.workspaceRoot().toString());
        r.put("runtime_mode", s.text("runtime_mode"));
        r.put("process_running", s.bool("process_running") && lock.status() == LockStatus.ACTIVE);
        r.put("runtime_ownership_lock", lock.status().name().toLowerCase(Locale.ROOT));
        r.put("paused", s.bool("paused"));
        r.put("pause_sources", pauseLabel(s.strings("pause_sources"), s.bool("paused")));
        r.put("stop_requested", s.bool("stop_requested"));
        r.put("active_mode_id", s.text("active_mode_id"));
        r.put("compiled_plan_id", s.text("compiled_plan_id"));

        MillraceConfig config = null;
        CurrentnessReport currentness = null;
        CompiledRunPlan persisted = null;
        String currentnessError = null;
        try {
            config = ws.configFast(null);
            persisted = plan(planLoad);
            currentness = ws.currentnessCompiler(config, persisted).currentness(persisted, null);
        } catch (RuntimeException e) {
            currentnessError = e instanceof MillraceException ? ((MillraceException) e).detail() : e.toString();
        }
        r.put("compiled_plan_currentness", currentness == null ? "unknown" : currentness.state().wireName());
        r.put("active_plane", s.text("active_plane"));
        r.put("active_stage", s.text("active_stage"));
        r.put("active_node_id", s.text("active_node_id"));
        r.put("active_stage_kind_id", s.text("active_stage_kind_id"));
        r.put("active_work_item_kind", s.text("active_work_item_kind"));
        r.put("active_work_item_id", s.text("active_work_item_id"));
        Map<String, JsonNode> runs = s.activeRuns();
        r.put("active_run_count", runs.size());
        r.put("execution_queue_depth", depth(paths, Plane.EXECUTION));
        r.put("planning_queue_depth", depth(paths, Plane.PLANNING));
        r.put("learning_queue_depth", depth(paths, Plane.LEARNING));
        r.put("execution_status_marker", s.text("execution_status_marker"));
        r.put("planning_status_marker", s.text("planning_status_marker"));
        r.put("learning_status_marker", s.text("learning_status_marker"));
        r.ensureList("active_runs");
        for (Plane plane : new Plane[] {Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING}) {
            JsonNode run = runs.get(plane.wireName());
            if (run != null) {
                activeRun(r, plane, run);
            }
        }
        JsonNode manifest = readTree(paths.baselineManifestFile());
        r.put("baseline_manifest_id", textAt(manifest, "manifest_id"));
        r.put("baseline_seed_package_version", textAt(manifest, "seed_package_version"));
        if (currentness != null) {
            fingerprint(r, "compile_input", currentness.expectedFingerprint());
            CompileInputFingerprint p = currentness.persistedFingerprint();
            r.put("persisted_compile_input.mode_id", p == null ? null : p.modeId());
            r.put("persisted_compile_input.config_fingerprint", p == null ? null : p.configFingerprint());
            r.put("persisted_compile_input.assets_fingerprint", p == null ? null : p.assetsFingerprint());
        } else {
            r.put("compile_plan_currentness_error", currentnessError);
        }
        governance(r, paths, config, s.strings("pause_sources"));
        closure(r, ws);
        if (s.text("current_failure_class") != null) {
            r.put("current_failure_class", s.text("current_failure_class"));
        }
        for (String counter : List.of("troubleshoot_attempt_count", "mechanic_attempt_count", "fix_cycle_count",
                "consultant_invocations")) {
            counter(r, counter, s.integer(counter));
        }
        return r;
    }

    private static CompiledRunPlan plan(FutureTask<Optional<CompiledRunPlan>> load) {
        try {
            return load.get().orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while reading the compiled plan");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException(e.getCause());
        }
    }

    private static void counter(Report r, String key, int value) {
        if (value != 0) {
            r.put(key, value);
        }
    }

    static String pauseLabel(List<String> sources, boolean paused) {
        if (!sources.isEmpty()) {
            return String.join(",", sources);
        }
        return paused ? "operator" : "none";
    }

    private static void activeRun(Report r, Plane plane, JsonNode run) {
        String stage = textAt(run, "stage");
        String node = textAt(run, "node_id") == null ? stage : textAt(run, "node_id");
        String kind = textAt(run, "stage_kind_id") == null ? stage : textAt(run, "stage_kind_id");
        String requestKind = textAt(run, "request_kind") == null ? "active_work_item" : textAt(run, "request_kind");
        String runId = textAt(run, "run_id");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plane", plane.wireName());
        json.put("stage", stage);
        json.put("node", node);
        json.put("stage_kind", kind);
        json.put("request_kind", requestKind);
        json.put("work_item_kind", textAt(run, "work_item_kind"));
        json.put("work_item_id", textAt(run, "work_item_id"));
        json.put("run", shortRun(runId));
        json.put("run_id", runId);
        String text = "plane=" + plane.wireName() + " stage=" + Fmt.text(stage) + " node=" + Fmt.text(node)
                + " stage_kind=" + Fmt.text(kind) + " request_kind=" + requestKind
                + " work_item_kind=" + Fmt.text(json.get("work_item_kind")) + " work_item_id="
                + Fmt.text(json.get("work_item_id")) + " run=" + Fmt.text(shortRun(runId));
        r.repeat("active_run", "active_runs", json, text);
    }

    /** {@code run-<hex>} shows its first 12 hex characters; any other id shows whole. */
    static String shortRun(String runId) {
        if (runId != null && runId.startsWith("run-") && runId.length() > 16
                && runId.substring(4).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return runId.substring(4, 16);
        }
        return runId;
    }

    private static void fingerprint(Report r, String prefix, CompileInputFingerprint f) {
        r.put(prefix + ".mode_id", f.modeId());
        r.put(prefix + ".config_fingerprint", f.configFingerprint());
        r.put(prefix + ".assets_fingerprint", f.assetsFingerprint());
    }

    /** Live depth: documents waiting in the plane's queue folders. */
    static int depth(WorkspacePaths paths, Plane plane) {
        int n = 0;
        for (WorkItemKind kind : kinds(plane)) {
            n += countMarkdown(paths.queueDir(kind, QueueState.QUEUED));
        }
        return n;
    }

    static List<WorkItemKind> kinds(Plane plane) {
        switch (plane) {
            case EXECUTION:
                return List.of(WorkItemKind.TASK);
            case PLANNING:
                return List.of(WorkItemKind.SPEC, WorkItemKind.INCIDENT);
            default:
                return List.of(WorkItemKind.LEARNING_REQUEST);
        }
    }

    static int countMarkdown(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return (int) list.filter(p -> p.getFileName().toString().endsWith(".md")).filter(Files::isRegularFile)
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void governance(Report r, WorkspacePaths paths, MillraceConfig config, List<String> pauseSources) {
        JsonNode state = readTree(paths.usageGovernanceStateFile());
        Boolean enabled = config != null ? Boolean.valueOf(config.usageGovernance().enabled())
                : state != null && state.path("enabled").asBoolean(false);
        List<JsonNode> blockers = new ArrayList<>();
        if (state != null && state.path("active_blockers").isArray()) {
            state.path("active_blockers").forEach(blockers::add);
        }
        r.put("usage_governance_enabled", enabled);
        r.put("usage_governance_paused", pauseSources.contains(PauseSource.USAGE_GOVERNANCE.wireName()));
        r.put("usage_governance_blocker_count", blockers.size());
        r.put("usage_governance_auto_resume_possible",
                state == null || state.path("auto_resume_possible").asBoolean(true));
        r.put("usage_governance_next_auto_resume_at", state == null ? null : textAt(state, "next_auto_resume_at"));
        JsonNode quota = state == null ? null : state.path("subscription_quota_status");
        String quotaState = quota == null || quota.isMissingNode() || quota.isNull() ? "disabled"
                : quota.path("state").asText("disabled");
        r.put("usage_governance_subscription_status", quotaState);
        String detail = quota == null ? null : textAt(quota, "detail");
        if (detail != null) {
            r.put("usage_governance_subscription_detail", detail);
        }
        r.ensureList("usage_governance_blockers");
        for (JsonNode b : blockers) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("source", textAt(b, "source"));
            json.put("rule", textAt(b, "rule_id"));
            json.put("window", textAt(b, "window"));
            json.put("observed", b.path("observed").asDouble());
            json.put("threshold", b.path("threshold").asDouble());
            r.repeat("usage_governance_blocker", "usage_governance_blockers", json, "source=" + Fmt.text(json.get("source"))
                    + " rule=" + Fmt.text(json.get("rule")) + " window=" + Fmt.text(json.get("window")) + " observed="
                    + Fmt.g(b.path("observed").asDouble()) + " threshold=" + Fmt.g(b.path("threshold").asDouble()));
        }
    }

    private static void closure(Report r, Workspace ws) {
        List<ClosureTargetState> targets;
        try {
            targets = ws.state().listClosureTargets();
        } catch (RuntimeException e) {
            closureLines(r, "invalid", "invalid", "invalid", 0, null, null);
            return;
        }
        List<ClosureTargetState> open = targets.stream().filter(t -> Boolean.TRUE.equals(t.closureOpen())).toList();
        if (open.size() > 1) {
            closureLines(r, "invalid_multiple_open_targets", "invalid", "invalid", 0, null, null);
            return;
        }
        Optional<ClosureTargetState> shown = open.isEmpty()
                ? targets.stream().filter(t -> t.closedAt() != null).max(Comparator.comparing(ClosureTargetState::closedAt))
                : Optional.of(open.get(0));
        if (shown.isEmpty()) {
            closureLines(r, null, null, null, 0, null, null);
            return;
        }
        ClosureTargetState t = shown.get();
        int deferred = Boolean.TRUE.equals(t.closureOpen()) ? deferredRootSpecs(ws.paths, t.rootSpecId()) : 0;
        closureLines(r, t.rootSpecId(), Boolean.TRUE.equals(t.closureOpen()), t.closureBlockedByLineageWork(), deferred,
                t.latestVerdictPath(), t.latestReportPath());
    }

    private static void closureLines(Report r, Object root, Object open, Object blocked, int deferred, String verdict,
            String report) {
        r.put("closure_target_root_spec_id", root);
        r.put("closure_target_open", open);
        r.put("closure_target_blocked_by_lineage_work", blocked);
        r.put("planning_root_specs_deferred_by_closure_target", deferred);
        r.put("closure_target_latest_verdict_path", verdict);
        r.put("closure_target_latest_report_path", report);
    }

    /** Root specs waiting in specs/queue whose effective root is another, known root (spec 02 section 4.2). */
    private static int deferredRootSpecs(WorkspacePaths paths, String openRoot) {
        Path dir = paths.queueDir(WorkItemKind.SPEC, QueueState.QUEUED);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".md")).toList()) {
                try {
                    SpecDocument spec = WorkDocumentMarkdown.read(p, SpecDocument.class);
                    boolean root = spec.rootSpecId() != null ? spec.rootSpecId().equals(spec.specId())
                            : (spec.parentSpecId() == null || spec.parentSpecId().equals("none"))
                                    && (spec.sourceType() == SpecSourceType.IDEA || spec.sourceType() == SpecSourceType.MANUAL);
                    String effective = spec.rootSpecId() != null ? spec.rootSpecId()
                            : spec.sourceType() == SpecSourceType.IDEA || spec.sourceType() == SpecSourceType.MANUAL
                                    ? spec.specId() : null;
                    if (root && effective != null && !effective.equals(openRoot)) {
                        n++;
                    }
                } catch (RuntimeException e) {
                    // Unparseable specs are not counted (the claim quarantines them).
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return n;
    }

    static JsonNode readTree(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            return MillraceJson.readTree(Files.readString(file), file.toString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String textAt(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
