package ai.millrace.compiler.internal.legacy;

import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphLoopEdgeKind;
import java.util.Objects;

/**
 * An edge of a legacy loop.
 *
 * @param sourceStage the stage reporting
 * @param onTerminalResult the result taking the edge
 * @param targetStage the next stage; exactly one of this and {@code terminalResult}
 * @param terminalResult the result ending the loop; exactly one of this and {@code targetStage}
 * @param edgeKind the kind, {@code normal} by default
 * @param maxAttempts attempts, at least 1, may be null
 */
public record LegacyLoopEdge(StageId sourceStage, TerminalResult onTerminalResult, StageId targetStage,
        TerminalResult terminalResult, GraphLoopEdgeKind edgeKind, Integer maxAttempts) {
    /** Checks required fields and applies defaults. */
    public LegacyLoopEdge {
        Objects.requireNonNull(sourceStage, "source_stage is required");
        Objects.requireNonNull(onTerminalResult, "on_terminal_result is required");
        edgeKind = edgeKind == null ? GraphLoopEdgeKind.NORMAL : edgeKind;
    }
}
