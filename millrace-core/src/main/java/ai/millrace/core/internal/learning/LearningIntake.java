package ai.millrace.core.internal.learning;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.WorkDocument;

/**
 * Refuses learning requests the current mode cannot run, at intake rather than at claim (where
 * the original crashed the tick and orphaned the request, spec 02 section 12 item 6).
 */
public final class LearningIntake {
    private LearningIntake() {
    }

    /**
     * Checks that a document can be run by the plan: a learning request needs a learning graph,
     * and a node for its {@code target_stage} when it names one. Other documents always pass.
     *
     * @param plan the compiled plan of the current mode
     * @param document the document about to be queued
     * @throws MillraceException RUNTIME_STATE with the reason and the fix when it cannot run
     */
    public static void check(CompiledRunPlan plan, WorkDocument document) {
        if (!(document instanceof LearningRequestDocument request)) {
            return;
        }
        FrozenGraphPlanePlan graph = plan.learningGraph();
        if (graph == null) {
            throw new MillraceException(ErrorCode.RUNTIME_STATE, "learning request " + request.learningRequestId()
                    + " cannot be queued: mode " + plan.modeId() + " has no learning plane; switch to a learning "
                    + "mode (learning_codex or learning_pi) in millrace.toml, or drop the request");
        }
        if (request.targetStage() != null) {
            String stage = request.targetStage().value();
            for (MaterializedGraphNodePlan node : graph.nodes()) {
                if (node.stageKindId().equals(stage)) {
                    return;
                }
            }
            throw new MillraceException(ErrorCode.RUNTIME_STATE, "learning request " + request.learningRequestId()
                    + " cannot be queued: the learning loop " + graph.loopId() + " of mode " + plan.modeId()
                    + " has no " + stage + " stage; set Target-Stage to one of its stages or leave it empty");
        }
    }
}
