package ai.millrace.harness.codex;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.StageRunRequest;
import java.nio.file.Path;

/** Stage requests for tests, shaped like the ones the runtime builds. */
final class TestRequests {
    private TestRequests() {
    }

    /**
     * A builder request for task {@code task-001} in {@code workspace}, run directory
     * {@code <workspace>/millrace-agents/runs/<runId>}.
     */
    static StageRunRequest.Builder builder(Path workspace, StageId stage, String requestId) {
        Path agents = workspace.resolve("millrace-agents");
        String runId = "run-" + requestId;
        return StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(stage))
                .requestId(requestId)
                .runId(runId)
                .modeId("default_codex")
                .compiledPlanId("plan-test")
                .entrypointPath(agents.resolve("entrypoints/execution/" + stage.value() + ".md").toString())
                .entrypointContractId(stage.value() + ".contract.v1")
                .activeWorkItemKind(WorkItemKind.TASK)
                .activeWorkItemId("task-001")
                .activeWorkItemPath(agents.resolve("tasks/active/task-001.md").toString())
                .runDir(agents.resolve("runs/" + runId).toString())
                .summaryStatusPath(agents.resolve("state/execution_status.md").toString())
                .runtimeSnapshotPath(agents.resolve("state/runtime_snapshot.json").toString())
                .recoveryCountersPath(agents.resolve("state/recovery_counters.json").toString())
                .runnerName("codex_cli")
                .modelName("fake-model")
                .timeoutSeconds(30);
    }

    static StageRunRequest builder(Path workspace, String requestId) {
        return builder(workspace, StageId.BUILDER, requestId).build();
    }
}
