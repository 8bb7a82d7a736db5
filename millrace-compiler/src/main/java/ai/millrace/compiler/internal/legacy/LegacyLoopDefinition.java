package ai.millrace.compiler.internal.legacy;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WireKind;
import java.util.List;
import java.util.Objects;

/**
 * A legacy loop ({@code loops/<plane>/default.json}, kind {@code loop_config}): the older
 * stage-to-stage topology kept for inspection only; never used for routing or compiling.
 *
 * @param loopId the loop id, such as {@code execution.standard}
 * @param plane the plane
 * @param stages the stages, unique, all in the plane
 * @param entryStage the entry stage
 * @param edges the edges
 * @param terminalResults the results that end the loop
 * @param completionBehavior closure behaviour, may be null
 */
@WireKind("loop_config")
public record LegacyLoopDefinition(String loopId, Plane plane, List<StageId> stages, StageId entryStage,
        List<LegacyLoopEdge> edges, List<TerminalResult> terminalResults, LegacyCompletionBehavior completionBehavior) {
    /** Checks required fields and copies lists. */
    public LegacyLoopDefinition {
        Objects.requireNonNull(loopId, "loop_id is required");
        Objects.requireNonNull(plane, "plane is required");
        stages = stages == null ? List.of() : List.copyOf(stages);
        Objects.requireNonNull(entryStage, "entry_stage is required");
        edges = edges == null ? List.of() : List.copyOf(edges);
        terminalResults = terminalResults == null ? List.of() : List.copyOf(terminalResults);
    }
}
