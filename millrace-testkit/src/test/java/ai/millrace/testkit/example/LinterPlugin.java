package ai.millrace.testkit.example;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphEdge;
import ai.millrace.api.asset.GraphEntry;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.GraphLoopEntryKey;
import ai.millrace.api.asset.GraphLoopTerminalClass;
import ai.millrace.api.asset.GraphNode;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.asset.TerminalState;
import ai.millrace.api.spi.GraphLoopProvider;
import ai.millrace.api.spi.ModeProvider;
import ai.millrace.api.spi.StageKindProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An example plugin: a {@code linter} stage kind (outcomes {@code LINT_CLEAN} and {@code BLOCKED})
 * with its entrypoint and skill, an execution loop {@code execution.linted} (builder, then linter)
 * and a mode {@code linted_codex} that uses it. In an application this class would be listed in
 * {@code META-INF/services}; the tests hand it over directly.
 */
public final class LinterPlugin implements StageKindProvider, GraphLoopProvider, ModeProvider {
    /** The linter's success outcome. */
    public static final TerminalResult LINT_CLEAN = TerminalResult.of("LINT_CLEAN");
    /** The entrypoint the linter stage follows, relative to {@code millrace-agents/}. */
    public static final String ENTRYPOINT = "entrypoints/execution/linter.md";
    /** The linter's required skill, relative to {@code millrace-agents/}. */
    public static final String SKILL = "skills/stage/execution/linter-core/SKILL.md";

    @Override
    public List<StageKindDefinition> stageKinds() {
        Map<TerminalResult, List<ResultClass>> classes = new LinkedHashMap<>();
        classes.put(LINT_CLEAN, List.of(ResultClass.SUCCESS));
        classes.put(TerminalResult.BLOCKED, List.of(ResultClass.BLOCKED, ResultClass.RECOVERABLE_FAILURE));
        return List.of(StageKindDefinition.builder().stageKindId("linter").plane(Plane.EXECUTION)
                .displayName("Linter").defaultEntrypointPath(ENTRYPOINT).requiredSkillPaths(List.of(SKILL))
                .runningStatusMarker("LINTER_RUNNING").legalOutcomes(List.of(LINT_CLEAN, TerminalResult.BLOCKED))
                .successOutcomes(List.of(LINT_CLEAN)).failureOutcomes(List.of(TerminalResult.BLOCKED))
                .allowedResultClassesByOutcome(classes).declaredOutputArtifacts(List.of("stage_result"))
                .allowedOverrides(List.of("runner_name", "model_name", "timeout_seconds"))
                .build());
    }

    @Override
    public Map<String, String> markdownAssets() {
        return Map.of(ENTRYPOINT, "# Linter Entry Instructions\n\nRun the linter on the task's target paths.\n"
                        + "End with `### LINT_CLEAN` or `### BLOCKED`.\n",
                SKILL, "# Linter core\n\nPrefer the project's own lint configuration.\n");
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
