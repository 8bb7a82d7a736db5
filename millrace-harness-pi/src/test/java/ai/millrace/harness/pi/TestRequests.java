package ai.millrace.harness.pi;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.StageRunRequest;
import java.nio.file.Path;

/** Builds stage requests for tests. */
final class TestRequests {
    private TestRequests() {
    }

    static StageRunRequest builder(Path workspace, String requestId, int timeoutSeconds) {
        return forStage(StageId.BUILDER, workspace, requestId, timeoutSeconds, "fake-model");
    }

    static StageRunRequest forStage(StageId stage, Path workspace, String requestId, int timeoutSeconds, String model) {
        Path ws = workspace.toAbsolutePath();
        return StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(stage))
                .requestId(requestId)
                .runId("run-" + requestId)
                .modeId("default_pi")
                .compiledPlanId("plan-test")
                .entrypointPath(ws.resolve("entrypoints/" + stage.value() + ".md").toString())
                .entrypointContractId(stage.value() + ".contract.v1")
                .activeWorkItemKind(WorkItemKind.TASK)
                .activeWorkItemId("task-001")
                .activeWorkItemPath(ws.resolve("tasks/task-001.md").toString())
                .runDir(ws.resolve("runs/" + requestId).toString())
                .summaryStatusPath(ws.resolve("state/execution_status.md").toString())
                .runtimeSnapshotPath(ws.resolve("state/runtime_snapshot.json").toString())
                .recoveryCountersPath(ws.resolve("state/recovery_counters.json").toString())
                .runnerName("pi_rpc")
                .modelName(model)
                .timeoutSeconds(timeoutSeconds)
                .build();
    }
}
