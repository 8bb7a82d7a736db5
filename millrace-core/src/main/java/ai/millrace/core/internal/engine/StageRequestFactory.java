package ai.millrace.core.internal.engine;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeErrorContext;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link StageRunRequest} for the next stage of an active run, from the compiled node
 * and the workspace layout (spec 02 section 3.8). Paths handed to runners are absolute. Pure:
 * creates no files. Thread-safe.
 */
public final class StageRequestFactory {
    private final WorkspacePaths paths;

    /**
     * Creates a factory for one workspace.
     *
     * @param paths the workspace layout
     */
    public StageRequestFactory(WorkspacePaths paths) {
        this.paths = paths;
    }

    /**
     * Builds a request.
     *
     * @param plan the compiled plan
     * @param node the compiled node the run is at
     * @param run the active run
     * @param requestId the new request id
     * @param closureTarget the open closure target, required for closure-target runs, else null
     * @param errorContext a runtime error context for a repair stage, or null
     * @return the request
     */
    public StageRunRequest build(CompiledRunPlan plan, MaterializedGraphNodePlan node, ActiveRunState run,
            String requestId, ClosureTargetState closureTarget, RuntimeErrorContext errorContext) {
        Path r = paths.runtimeRoot();
        Path runDir = paths.runDir(run.runId());
        StageRunRequest.Builder b = StageRunRequest.builder()
                .requestId(requestId)
                .runId(run.runId())
                .plane(node.plane())
                .stage(StageId.of(node.stageKindId()))
                .requestKind(run.requestKind())
                .modeId(plan.modeId())
                .compiledPlanId(plan.compiledPlanId())
                .nodeId(node.nodeId())
                .stageKindId(node.stageKindId())
                .runningStatusMarker(node.runningStatusMarker())
                .allowedResultClassesByOutcome(node.allowedResultClassesByOutcome())
                .entrypointPath(r.resolve(node.entrypointPath()).toString())
                .entrypointContractId(node.entrypointContractId())
                .requiredSkillPaths(absolute(r, node.requiredSkillPaths()))
                .attachedSkillPaths(absolute(r, node.attachedSkillAdditions()))
                .runDir(runDir.toString())
                .summaryStatusPath(paths.statusFile(node.plane()).toString())
                .runtimeSnapshotPath(paths.snapshotFile().toString())
                .recoveryCountersPath(paths.recoveryCountersFile().toString())
                .runnerName(node.runnerName())
                .modelName(node.modelName())
                .modelReasoningEffort(node.modelReasoningEffort())
                .timeoutSeconds(node.timeoutSeconds());
        if (plan.learningGraph() != null) {
            b.skillRevisionEvidencePath(runDir.resolve("skill_revision_evidence." + requestId + ".json").toString());
        }
        if (run.requestKind() == RequestKind.CLOSURE_TARGET) {
            if (closureTarget == null) {
                throw new IllegalStateException("completion stage is active without an open closure target");
            }
            Path w = paths.workspaceRoot();
            String root = closureTarget.rootSpecId();
            b.summaryStatusPath(paths.statusFile(Plane.PLANNING).toString())
                    .closureTargetPath(paths.closureTargetFile(root).toString())
                    .closureTargetRootSpecId(root)
                    .closureTargetRootIdeaId(closureTarget.rootIdeaId())
                    .canonicalRootSpecPath(w.resolve(closureTarget.rootSpecPath()).toString())
                    .canonicalSeedIdeaPath(w.resolve(closureTarget.rootIdeaPath()).toString())
                    .preferredRubricPath(w.resolve(closureTarget.rubricPath()).toString())
                    .preferredVerdictPath(closureTarget.latestVerdictPath() != null
                            ? w.resolve(closureTarget.latestVerdictPath()).toString()
                            : paths.arbiterDir().resolve("verdicts").resolve(root + ".json").toString())
                    .preferredReportPath(runDir.resolve("arbiter_report.md").toString());
        } else {
            WorkItemKind kind = run.workItemKind();
            b.activeWorkItemKind(kind)
                    .activeWorkItemId(run.workItemId())
                    .activeWorkItemPath(paths.documentFile(kind, QueueState.ACTIVE, run.workItemId()).toString())
                    .preferredTroubleshootReportPath(runDir.resolve("troubleshoot_report.md").toString());
        }
        if (errorContext != null) {
            b.runtimeErrorCode(errorContext.errorCode().wireName())
                    .runtimeErrorReportPath(errorContext.reportPath());
            Path catalog = paths.workspaceRoot().resolve("docs/runtime/millrace-runtime-error-codes.md");
            if (Files.isRegularFile(catalog)) {
                b.runtimeErrorCatalogPath(catalog.toString());
            }
        }
        return b.build();
    }

    private static List<String> absolute(Path root, List<String> relative) {
        List<String> out = new ArrayList<>();
        for (String p : relative) {
            out.add(root.resolve(p).normalize().toString());
        }
        return out;
    }
}
