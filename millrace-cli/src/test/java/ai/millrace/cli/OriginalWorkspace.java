package ai.millrace.cli;

import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds, in a folder, the workspace millrace-ai 0.16.2 left behind after the walkthrough of
 * spec samples/original/cli-walkthrough.md (state files from workspace-ws-state.md, the folder
 * tree from workspace-ws-tree.txt).
 */
final class OriginalWorkspace {
    /** The status the original printed for it (walkthrough, "status (first 30 lines)" after the daemon run). */
    static final List<String> ORIGINAL_STATUS_HEAD = List.of(
            "workspace: /home/user/ws",
            "runtime_mode: daemon",
            "process_running: false",
            "runtime_ownership_lock: absent",
            "paused: false",
            "pause_sources: none",
            "stop_requested: false",
            "active_mode_id: default_codex",
            "compiled_plan_id: plan-default_codex-fa3dec4ba748",
            "compiled_plan_currentness: current",
            "active_plane: none",
            "active_stage: none",
            "active_node_id: none",
            "active_stage_kind_id: none",
            "active_work_item_kind: none",
            "active_work_item_id: none",
            "active_run_count: 0",
            "execution_queue_depth: 0",
            "planning_queue_depth: 0",
            "learning_queue_depth: 0",
            "execution_status_marker: ### IDLE",
            "planning_status_marker: ### IDLE",
            "learning_status_marker: ### IDLE",
            "baseline_manifest_id: 7dac545d35c14218648bf115a99f2174fc50b6d2da416f6fd08572ef1023deb4",
            "baseline_seed_package_version: 0.16.2",
            "compile_input.mode_id: default_codex",
            "compile_input.config_fingerprint: cfg-5f002f27548f",
            "compile_input.assets_fingerprint: assets-390111cd7b34",
            "persisted_compile_input.mode_id: default_codex",
            "persisted_compile_input.config_fingerprint: cfg-5f002f27548f");

    /** The rest of the block for a workspace without governance state or closure targets (walkthrough, first status). */
    static final List<String> ORIGINAL_STATUS_TAIL = List.of(
            "usage_governance_enabled: false",
            "usage_governance_paused: false",
            "usage_governance_blocker_count: 0",
            "usage_governance_auto_resume_possible: true",
            "usage_governance_next_auto_resume_at: none",
            "usage_governance_subscription_status: disabled",
            "closure_target_root_spec_id: none",
            "closure_target_open: none",
            "closure_target_blocked_by_lineage_work: none",
            "planning_root_specs_deferred_by_closure_target: 0",
            "closure_target_latest_verdict_path: none",
            "closure_target_latest_report_path: none");

    private OriginalWorkspace() {
    }

    static Path create(Path w) throws IOException {
        Path source;
        try {
            source = Path.of(OriginalWorkspace.class.getResource("/original-ws").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        WorkspacePaths paths = WorkspacePaths.of(w);
        for (Path dir : paths.initDirectories()) {
            Files.createDirectories(dir);
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path dest = w.resolve(source.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
        }
        Files.delete(w.resolve("README.md"));
        Files.writeString(paths.outlineFile(), "");
        Files.writeString(paths.historyLogFile(), "");
        Files.writeString(paths.runtimeRoot().resolve("state/learning_status.md"), "### IDLE\n");
        return w;
    }
}
