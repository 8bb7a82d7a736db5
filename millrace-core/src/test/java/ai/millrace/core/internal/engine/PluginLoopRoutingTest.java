package ai.millrace.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.asset.GraphEdge;
import ai.millrace.api.asset.GraphEntry;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.GraphLoopEntryKey;
import ai.millrace.api.asset.GraphLoopTerminalClass;
import ai.millrace.api.asset.GraphNode;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.asset.TerminalState;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.spi.GraphLoopProvider;
import ai.millrace.api.spi.ModeProvider;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.StageKindProvider;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.CompileResult;
import ai.millrace.compiler.PlanCompiler;
import ai.millrace.core.workspace.WorkspaceInitializer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin stage kind, loop and mode compile like built-ins and route through the same router. */
class PluginLoopRoutingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TerminalResult LINT_CLEAN = TerminalResult.of("LINT_CLEAN");

    /** Contributes a linter stage kind, a loop builder -> linter -> done, and a mode using it. */
    static final class LinterPlugin implements StageKindProvider, GraphLoopProvider, ModeProvider {
        @Override
        public List<StageKindDefinition> stageKinds() {
            Map<TerminalResult, List<ResultClass>> classes = new LinkedHashMap<>();
            classes.put(LINT_CLEAN, List.of(ResultClass.SUCCESS));
            classes.put(TerminalResult.BLOCKED, List.of(ResultClass.BLOCKED, ResultClass.RECOVERABLE_FAILURE));
            return List.of(StageKindDefinition.builder().stageKindId("linter").plane(Plane.EXECUTION)
                    .displayName("Linter").defaultEntrypointPath("entrypoints/execution/linter.md")
                    .requiredSkillPaths(List.of("skills/stage/execution/linter-core/SKILL.md"))
                    .runningStatusMarker("LINTER_RUNNING").legalOutcomes(List.of(LINT_CLEAN, TerminalResult.BLOCKED))
                    .successOutcomes(List.of(LINT_CLEAN)).failureOutcomes(List.of(TerminalResult.BLOCKED))
                    .allowedResultClassesByOutcome(classes).declaredOutputArtifacts(List.of("stage_result"))
                    .allowedOverrides(List.of("runner_name", "model_name", "timeout_seconds"))
                    .build());
        }

        @Override
        public Map<String, String> markdownAssets() {
            return Map.of("entrypoints/execution/linter.md", "# Linter Entry Instructions\n\nLint the task.\n",
                    "skills/stage/execution/linter-core/SKILL.md", "# Linter core\n");
        }

        @Override
        public List<GraphLoopDefinition> graphLoops() {
            return List.of(GraphLoopDefinition.builder().loopId("execution.linted").plane(Plane.EXECUTION)
                    .nodes(List.of(node("builder"), node("linter")))
                    .entryNodes(List.of(new GraphEntry(GraphLoopEntryKey.TASK, "builder")))
                    .edges(List.of(
                            edge("builder-to-linter", "builder", TerminalResult.BUILDER_COMPLETE, "linter", null),
                            edge("builder-blocked", "builder", TerminalResult.BLOCKED, null, "blocked"),
                            edge("linter-clean", "linter", LINT_CLEAN, null, "linted"),
                            edge("linter-blocked", "linter", TerminalResult.BLOCKED, null, "blocked")))
                    .terminalStates(List.of(
                            new TerminalState("linted", GraphLoopTerminalClass.SUCCESS, LINT_CLEAN, List.of(), true),
                            new TerminalState("blocked", GraphLoopTerminalClass.BLOCKED, TerminalResult.BLOCKED,
                                    List.of(), true)))
                    .build());
        }

        @Override
        public List<ModeDefinition> modes() {
            return List.of(ModeDefinition.builder().modeId("linted_codex")
                    .loopIdsByPlane(Map.of(Plane.EXECUTION, "execution.linted", Plane.PLANNING, "planning.standard"))
                    .build());
        }

        private static GraphNode node(String id) {
            return GraphNode.builder().nodeId(id).stageKindId(id).build();
        }

        private static GraphEdge edge(String id, String from, TerminalResult on, String to, String terminal) {
            return GraphEdge.builder().edgeId(id).fromNodeId(from).onOutcomes(List.of(on)).toNodeId(to)
                    .terminalStateId(terminal).build();
        }
    }

    @Test
    void aPluginLoopCompilesAndRoutes(@TempDir Path workspace) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        PluginRegistry plugins = PluginRegistry.of(new LinterPlugin());
        WorkspaceInitializer.builder().clock(clock).plugins(plugins).build().init(workspace);

        CompileResult compiled = PlanCompiler.builder().workspaceRoot(workspace)
                .assetsRoot(workspace.resolve("millrace-agents")).config(MillraceConfig.defaults()).plugins(plugins)
                .clock(clock).build().compile("linted_codex");

        assertTrue(compiled.ok(), () -> compiled.diagnostics().errors().toString());
        CompiledRunPlan plan = compiled.plan();
        StageMetadataRegistry stages = compiled.stageRegistry();
        assertEquals(List.of("### LINT_CLEAN", "### BLOCKED"),
                stages.require(StageId.of("linter")).legalTerminalMarkers());

        GraphRouter router = new GraphRouter();
        RouterDecision next = router.route(plan, snapshot(plan, "builder"), RecoveryCounters.EMPTY,
                result("builder", TerminalResult.BUILDER_COMPLETE, ResultClass.SUCCESS));
        assertEquals(RouterAction.RUN_STAGE, next.action());
        assertEquals(StageId.of("linter"), next.nextStage());

        RouterDecision done = router.route(plan, snapshot(plan, "linter"), RecoveryCounters.EMPTY,
                result("linter", LINT_CLEAN, ResultClass.SUCCESS));
        assertEquals(RouterAction.IDLE, done.action());
        assertEquals("linter_complete", done.reason());

        RouterDecision blocked = router.route(plan, snapshot(plan, "linter"), RecoveryCounters.EMPTY,
                result("linter", TerminalResult.BLOCKED, ResultClass.BLOCKED));
        assertEquals(RouterAction.BLOCKED, blocked.action());
    }

    private static RuntimeSnapshot snapshot(CompiledRunPlan plan, String stage) {
        ActiveRunState run = ActiveRunState.builder().plane(Plane.EXECUTION).stage(StageId.of(stage)).nodeId(stage)
                .stageKindId(stage).runId("run-1").workItemKind(WorkItemKind.TASK).workItemId("task-1")
                .activeSince(T0).build();
        return RuntimeSnapshot.builder().activeModeId(plan.modeId()).compiledPlanId(plan.compiledPlanId())
                .executionStatusMarker("### IDLE").planningStatusMarker("### IDLE")
                .activeRunsByPlane(Map.of(Plane.EXECUTION, run)).updatedAt(T0).build();
    }

    private static StageResultEnvelope result(String stage, TerminalResult outcome, ResultClass rc) {
        return StageResultEnvelope.builder().runId("run-1").plane(Plane.EXECUTION).stage(StageId.of(stage))
                .workItemKind(WorkItemKind.TASK).workItemId("task-1").terminalResult(outcome).resultClass(rc)
                .summaryStatusMarker(outcome.marker()).success(rc == ResultClass.SUCCESS).startedAt(T0)
                .completedAt(T0).build();
    }
}
