package ai.millrace.api.spi.testplugin;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.spi.StageKindProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test plugin contributing a custom execution stage kind, registered only through META-INF/services. */
public class LinterStageKindProvider implements StageKindProvider {
    static final TerminalResult LINT_CLEAN = TerminalResult.of("LINT_CLEAN");

    @Override
    public List<StageKindDefinition> stageKinds() {
        Map<TerminalResult, List<ResultClass>> classes = new LinkedHashMap<>();
        classes.put(LINT_CLEAN, List.of(ResultClass.SUCCESS));
        classes.put(TerminalResult.BLOCKED, List.of(ResultClass.BLOCKED, ResultClass.RECOVERABLE_FAILURE));
        return List.of(StageKindDefinition.builder()
                .stageKindId("linter")
                .plane(Plane.EXECUTION)
                .displayName("Linter")
                .defaultEntrypointPath("entrypoints/execution/linter.md")
                .requiredSkillPaths(List.of("skills/stage/execution/linter-core/SKILL.md"))
                .runningStatusMarker("LINTER_RUNNING")
                .legalOutcomes(List.of(LINT_CLEAN, TerminalResult.BLOCKED))
                .successOutcomes(List.of(LINT_CLEAN))
                .failureOutcomes(List.of(TerminalResult.BLOCKED))
                .allowedResultClassesByOutcome(classes)
                .build());
    }

    @Override
    public Map<String, String> markdownAssets() {
        return Map.of("entrypoints/execution/linter.md", "# Linter Entry Instructions\n");
    }
}
