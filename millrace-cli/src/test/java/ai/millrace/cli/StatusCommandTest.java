package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    /** The status keys in the original's order (spec 02 section 8.1) for an idle workspace. */
    static final List<String> IDLE_KEYS = List.of("workspace", "runtime_mode", "process_running",
            "runtime_ownership_lock", "paused", "pause_sources", "stop_requested", "active_mode_id", "compiled_plan_id",
            "compiled_plan_currentness", "active_plane", "active_stage", "active_node_id", "active_stage_kind_id",
            "active_work_item_kind", "active_work_item_id", "active_run_count", "execution_queue_depth",
            "planning_queue_depth", "learning_queue_depth", "execution_status_marker", "planning_status_marker",
            "learning_status_marker", "baseline_manifest_id", "baseline_seed_package_version", "compile_input.mode_id",
            "compile_input.config_fingerprint", "compile_input.assets_fingerprint", "persisted_compile_input.mode_id",
            "persisted_compile_input.config_fingerprint", "persisted_compile_input.assets_fingerprint",
            "usage_governance_enabled", "usage_governance_paused", "usage_governance_blocker_count",
            "usage_governance_auto_resume_possible", "usage_governance_next_auto_resume_at",
            "usage_governance_subscription_status", "closure_target_root_spec_id", "closure_target_open",
            "closure_target_blocked_by_lineage_work", "planning_root_specs_deferred_by_closure_target",
            "closure_target_latest_verdict_path", "closure_target_latest_report_path");

    @TempDir
    Path tmp;

    final Cli cli = new Cli();

    @Test
    void refusesAnUninitializedWorkspaceWithTheOriginalMessageAndCreatesNothing() {
        Path w = tmp.resolve("ws");
        Cli.Result r = cli.run("status", "--workspace", w.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals("error: workspace is not initialized: " + w + ". Run `millrace init --workspace " + w
                + "` first.\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(w));
    }

    @Test
    void initPrintsTheWorkspaceAndIsIdempotent() {
        Path w = tmp.resolve("ws");
        for (int i = 0; i < 2; i++) {
            Cli.Result r = cli.run("init", "--workspace", w.toString());
            assertEquals(0, r.code(), r.toString());
            assertEquals("workspace: " + w + "\ninitialized: true\n", r.out());
        }
        assertTrue(Files.isRegularFile(w.resolve("millrace-agents/millrace.toml")));
    }

    @Test
    void freshWorkspaceStatusHasTheOriginalLinesInOrder() {
        Path w = init();
        Cli.Result r = cli.run("status", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(IDLE_KEYS, r.keys());
        assertEquals(w.toString(), r.get("workspace"));
        assertEquals("false", r.get("process_running"));
        assertEquals("absent", r.get("runtime_ownership_lock"));
        assertEquals("none", r.get("pause_sources"));
        assertEquals("bootstrap", r.get("compiled_plan_id"));
        assertEquals("missing", r.get("compiled_plan_currentness"));
        assertEquals("assets-missing", r.get("compile_input.assets_fingerprint"));
        assertEquals("none", r.get("persisted_compile_input.mode_id"));
        assertEquals("### IDLE", r.get("execution_status_marker"));
        assertEquals("disabled", r.get("usage_governance_subscription_status"));
        // status show is the same block
        Cli.Result show = cli.run("status", "show", "--workspace", w.toString());
        assertEquals(r.out(), show.out());
    }

    @Test
    void jsonIsOneObjectWithTheSameKeysAndTypedValues() {
        Path w = init();
        Cli.Result r = cli.run("status", "--workspace", w.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode json = r.json();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>(IDLE_KEYS);
        assertTrue(names.containsAll(expected), names.toString());
        assertTrue(json.get("process_running").isBoolean());
        assertTrue(json.get("active_run_count").isInt());
        assertTrue(json.get("active_plane").isNull());
        assertTrue(json.get("active_runs").isArray());
        // picocli's form (--json before --workspace, through "status show") prints the same object
        assertEquals(json, cli.run("status", "show", "--json", "--workspace=" + w).json());
    }

    @Test
    void statusShowsPauseAndQueueDepthsLive() throws Exception {
        Path w = init();
        assertEquals(0, cli.run("pause", "--workspace", w.toString()).code());
        Files.writeString(w.resolve("millrace-agents/tasks/queue/t-1.md"), "# T\n");
        Cli.Result r = cli.run("status", "--workspace", w.toString());
        assertEquals("true", r.get("paused"));
        assertEquals("operator", r.get("pause_sources"));
        assertEquals("1", r.get("execution_queue_depth"));
    }

    @Test
    void watchPrintsEachWorkspaceOnceAndWaitsBetweenUpdatesOnly() {
        Path a = init();
        Path b = tmp.resolve("other");
        cli.run("init", "--workspace", b.toString());
        Cli.Result r = cli.run("status", "watch", "--workspace", a.toString(), "--workspace", a.resolve(".").toString(),
                "--workspace", b.toString(), "--max-updates", "3", "--interval-seconds", "0.25");
        assertEquals(0, r.code(), r.toString());
        long blocks = r.lines().stream().filter(l -> l.startsWith("workspace: ")).count();
        assertEquals(6, blocks, "two workspaces (the duplicate dropped) times three updates");
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), cli.sleeps);
    }

    @Test
    void watchJsonPrintsOneObjectPerUpdate() throws Exception {
        Path a = init();
        Cli.Result r = cli.run("status", "watch", "--workspace", a.toString(), "--max-updates", "2", "--json",
                "--interval-seconds", "0");
        assertEquals(0, r.code(), r.toString());
        assertEquals(2, r.lines().size());
        JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.lines().get(0));
        assertEquals(1, first.get("update").asInt());
        assertEquals(a.toString(), first.get("workspaces").get(0).get("workspace").asText());
    }

    @Test
    void watchRejectsBadNumbersAsUsageErrors() {
        Path a = init();
        assertEquals(2, cli.run("status", "watch", "--workspace", a.toString(), "--max-updates", "0").code());
        assertEquals(2, cli.run("status", "watch", "--workspace", a.toString(), "--interval-seconds", "-1").code());
        assertEquals(2, cli.run("status", "watch", "--max-updates", "many").code());
        assertEquals(1, cli.run("status", "watch", "--workspace", tmp.resolve("nope").toString(),
                "--max-updates", "1").code());
    }

    @Test
    void unknownStatusOptionIsAUsageError() {
        Path a = init();
        Cli.Result r = cli.run("status", "--workspace", a.toString(), "--bogus");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("error: Unknown option: '--bogus'"), r.err());
        assertTrue(r.err().contains("hint: run `millrace status --help`"), r.err());
    }

    private Path init() {
        Path w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
        return w;
    }
}
