package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.CompiledTransition;
import ai.millrace.api.spi.GraphLoopProvider;
import ai.millrace.api.spi.ModeProvider;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.StageKindProvider;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage kinds, loops and modes from plugins or the workspace compile and route like built-ins. */
class PluginAssetsTest {
    static final String LINTER = """
            {"stage_kind_id": "linter", "plane": "execution", "display_name": "Linter",
             "default_entrypoint_path": "entrypoints/execution/linter.md",
             "required_skill_paths": ["skills/stage/execution/linter-core/SKILL.md"],
             "running_status_marker": "LINTER_RUNNING",
             "legal_outcomes": ["LINT_CLEAN", "LINT_FAILED", "BLOCKED"],
             "success_outcomes": ["LINT_CLEAN"], "failure_outcomes": ["LINT_FAILED", "BLOCKED"],
             "allowed_result_classes_by_outcome": {"LINT_CLEAN": ["success"], "LINT_FAILED": ["followup_needed"],
                                                   "BLOCKED": ["blocked", "recoverable_failure"]},
             "declared_output_artifacts": ["stage_result", "report"],
             "allowed_overrides": ["runner_name"]}
            """;
    static final String LINTED_LOOP = """
            {"loop_id": "execution.linted", "plane": "execution",
             "nodes": [{"node_id": "builder", "stage_kind_id": "builder"},
                       {"node_id": "lint", "stage_kind_id": "linter", "runner_name": "node_runner"},
                       {"node_id": "updater", "stage_kind_id": "updater"},
                       {"node_id": "consultant", "stage_kind_id": "consultant"}],
             "edges": [
               {"edge_id": "builder-to-lint", "from_node_id": "builder", "to_node_id": "lint", "on_outcomes": ["BUILDER_COMPLETE"]},
               {"edge_id": "builder-blocked", "from_node_id": "builder", "to_node_id": "consultant", "on_outcomes": ["BLOCKED"]},
               {"edge_id": "lint-clean", "from_node_id": "lint", "to_node_id": "updater", "on_outcomes": ["LINT_CLEAN"]},
               {"edge_id": "lint-failed", "from_node_id": "lint", "terminal_state_id": "%s", "kind": "terminal", "on_outcomes": ["LINT_FAILED"]},
               {"edge_id": "lint-blocked", "from_node_id": "lint", "to_node_id": "consultant", "on_outcomes": ["BLOCKED"]},
               {"edge_id": "updater-done", "from_node_id": "updater", "terminal_state_id": "update_complete", "kind": "terminal", "on_outcomes": ["UPDATE_COMPLETE"]},
               {"edge_id": "updater-blocked", "from_node_id": "updater", "to_node_id": "consultant", "on_outcomes": ["BLOCKED"]},
               {"edge_id": "consultant-done", "from_node_id": "consultant", "to_node_id": "builder", "on_outcomes": ["CONSULT_COMPLETE"]},
               {"edge_id": "consultant-planning", "from_node_id": "consultant", "terminal_state_id": "needs_planning", "kind": "terminal", "on_outcomes": ["NEEDS_PLANNING"]},
               {"edge_id": "consultant-blocked", "from_node_id": "consultant", "terminal_state_id": "blocked", "kind": "terminal", "on_outcomes": ["BLOCKED"]}],
             "entry_nodes": [{"entry_key": "task", "node_id": "builder"}],
             "terminal_states": [
               {"terminal_state_id": "update_complete", "terminal_class": "success", "writes_status": "UPDATE_COMPLETE"},
               {"terminal_state_id": "needs_planning", "terminal_class": "escalate_planning", "writes_status": "NEEDS_PLANNING"},
               {"terminal_state_id": "blocked", "terminal_class": "blocked", "writes_status": "BLOCKED"},
               {"terminal_state_id": "lint_rejected", "terminal_class": "followup_needed", "writes_status": "LINT_FAILED"}]}
            """;
    static final String LINTED_MODE = """
            {"mode_id": "linted_codex",
             "loop_ids_by_plane": {"execution": "execution.linted", "planning": "planning.standard"},
             "stage_runner_bindings": {"builder": "codex_cli", "linter": "lint_runner"}}
            """;

    @TempDir
    Path dir;

    private TestWorkspace ws;

    @BeforeEach
    void deploy() {
        ws = TestWorkspace.deploy(dir);
        ws.write("entrypoints/execution/linter.md", "# Linter\n");
        ws.write("skills/stage/execution/linter-core/SKILL.md", "# Linter core\n");
    }

    @Test
    void pluginStageKindLoopAndModeCompileAndRoute() {
        PluginRegistry plugins = PluginRegistry.of(kinds(read(LINTER, StageKindDefinition.class)),
                loops(linted("blocked")), modes(read(LINTED_MODE, ModeDefinition.class)));
        CompileResult result = ws.compiler(MillraceConfig.defaults(), plugins).compile("linted_codex");

        assertTrue(result.ok(), () -> result.diagnostics().errors().toString());
        CompiledRunPlan plan = result.plan();
        assertEquals("execution.linted", plan.executionLoopId());
        List<CompiledTransition> transitions = plan.executionGraph().compiledTransitions();
        assertTrue(transitions.stream().anyMatch(t -> t.sourceNodeId().equals("builder")
                && t.outcome().token().equals("BUILDER_COMPLETE") && "lint".equals(t.targetNodeId())));
        assertTrue(transitions.stream().anyMatch(t -> t.sourceNodeId().equals("lint")
                && t.outcome().token().equals("LINT_CLEAN") && "updater".equals(t.targetNodeId())));
        assertTrue(transitions.stream().anyMatch(t -> t.sourceNodeId().equals("lint")
                && t.outcome().token().equals("LINT_FAILED") && "blocked".equals(t.terminalStateId())));
        var lint = plan.executionGraph().nodes().get(1);
        assertEquals("linter", lint.stageKindId());
        assertEquals("lint_runner", lint.runnerName(), "the mode binding beats the node's runner");
        assertEquals("LINTER_RUNNING", lint.runningStatusMarker());

        StageMetadata linter = result.stageRegistry().require(Plane.EXECUTION, StageId.of("linter"));
        assertEquals(List.of(TerminalResult.of("LINT_CLEAN"), TerminalResult.of("LINT_FAILED"), TerminalResult.BLOCKED),
                linter.legalTerminalResults());
        assertEquals(linter, PlanCompiler.stageRegistryOf(plan).require(StageId.of("linter")));
        assertTrue(plan.resolvedAssets().stream().anyMatch(r -> r.logicalId().equals("stage_kind:linter")
                && r.compileTimePath().startsWith("plugin:")));
        assertTrue(plan.resolvedAssets().stream().anyMatch(r -> r.logicalId().equals("entrypoint:entrypoints/execution/linter.md")));

        // Compiled from unchanged plugins, the persisted plan is current.
        assertEquals(PlanCurrentness.CURRENT,
                ws.compiler(MillraceConfig.defaults(), plugins).currentness(plan, "linted_codex").state());
    }

    @Test
    void customStageTerminalTransitionsFollowTheTerminalClass() {
        // followup_needed is only for closure-role stage kinds; linter has none.
        PluginRegistry plugins = PluginRegistry.of(kinds(read(LINTER, StageKindDefinition.class)),
                loops(linted("lint_rejected")), modes(read(LINTED_MODE, ModeDefinition.class)));
        CompileValidationTest.assertFailure(ws.compiler(MillraceConfig.defaults(), plugins).compile("linted_codex"),
                CompileErrorCode.UNSUPPORTED_TERMINAL_TRANSITION, "edge lint-failed", "lint_rejected (followup_needed)");
    }

    @Test
    void workspaceStageKindLoopAndModeCompileLikeBuiltIns() {
        ws.write("registry/stage_kinds/execution/linter.json", LINTER);
        ws.write("graphs/execution/linted.json", LINTED_LOOP.formatted("blocked"));
        ws.write("modes/linted_codex.json", LINTED_MODE);
        CompileResult result = ws.compiler().compile("linted_codex");
        assertTrue(result.ok(), () -> result.diagnostics().errors().toString());
        assertTrue(result.plan().resolvedAssets().stream().anyMatch(r ->
                r.compileTimePath().equals("registry/stage_kinds/execution/linter.json")));
        assertTrue(result.stageRegistry().find(StageId.of("linter")).isPresent());
    }

    @Test
    void brokenPluginStageKindIsACompileError() {
        StageKindDefinition broken = read(LINTER.replace("\"LINT_FAILED\": [\"followup_needed\"],", ""),
                StageKindDefinition.class);
        PluginRegistry plugins = PluginRegistry.of(kinds(broken), loops(linted("blocked")),
                modes(read(LINTED_MODE, ModeDefinition.class)));
        CompileValidationTest.assertFailure(ws.compiler(MillraceConfig.defaults(), plugins).compile("linted_codex"),
                CompileErrorCode.INVALID_ASSET, "Invalid stage kind definition in asset: plugin", "must be exactly the legal_outcomes");
    }

    @Test
    void pluginThatThrowsIsACompileError() {
        StageKindProvider failing = () -> {
            throw new IllegalStateException("database offline");
        };
        CompileValidationTest.assertFailure(ws.compiler(MillraceConfig.defaults(), PluginRegistry.of(failing)).compile(null),
                CompileErrorCode.PLUGIN_FAILURE, failing.getClass().getName(), "database offline");
    }

    @Test
    void twoPluginsClaimingOneIdAreNamed() {
        StageKindDefinition linter = read(LINTER, StageKindDefinition.class);
        StageKindProvider first = kinds(linter);
        StageKindProvider second = kinds(linter);
        CompileValidationTest.assertFailure(ws.compiler(MillraceConfig.defaults(), PluginRegistry.of(first, second)).compile(null),
                CompileErrorCode.DUPLICATE_ASSET_ID, "Duplicate stage kind id linter", first.getClass().getName());
    }

    @Test
    void layersOverrideByIdBuiltInThenPluginThenWorkspace() {
        ModeDefinition piDefault = read(ws.read("modes/default_pi.json").replace("\"default_pi\"", "\"default_codex\""),
                ModeDefinition.class);
        PluginRegistry plugins = PluginRegistry.of(modes(piDefault));
        CompileResult withWorkspaceFile = ws.compiler(MillraceConfig.defaults(), plugins).compile(null);
        assertEquals("codex_cli", withWorkspaceFile.plan().executionGraph().nodes().get(0).runnerName());

        ws.delete("modes/default_codex.json");
        CompileResult pluginWins = ws.compiler(MillraceConfig.defaults(), plugins).compile(null);
        assertEquals("pi_rpc", pluginWins.plan().executionGraph().nodes().get(0).runnerName());
    }

    @Test
    void discoveredBuiltInProvidersAreNotDuplicates() {
        PluginRegistry discovered = PluginRegistry.discover(getClass().getClassLoader());
        assertTrue(discovered.modeProviders().stream().anyMatch(p -> p.modes().stream()
                .anyMatch(m -> m.modeId().equals("learning_pi"))), "the built-in providers are registered as services");
        assertTrue(ws.compiler(MillraceConfig.defaults(), discovered).compile("learning_pi").ok());
    }

    static GraphLoopDefinition linted(String lintFailedTarget) {
        return read(LINTED_LOOP.formatted(lintFailedTarget), GraphLoopDefinition.class);
    }

    static <T> T read(String json, Class<T> type) {
        return MillraceJson.read(json, type, "test " + type.getSimpleName());
    }

    static StageKindProvider kinds(StageKindDefinition... kinds) {
        return () -> List.of(kinds);
    }

    static GraphLoopProvider loops(GraphLoopDefinition... loops) {
        return () -> List.of(loops);
    }

    static ModeProvider modes(ModeDefinition... modes) {
        return () -> List.of(modes);
    }
}
