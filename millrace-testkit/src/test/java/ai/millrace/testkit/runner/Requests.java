package ai.millrace.testkit.runner;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.StageRunRequest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds stage requests as the runtime would, for calling runners directly. */
final class Requests {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Requests() {
    }

    /** A request for a built-in stage on a task, with its run directory inside the workspace. */
    static StageRunRequest of(Path workspace, String stage, String taskId) {
        Path runtime = workspace.resolve("millrace-agents");
        int n = SEQ.incrementAndGet();
        return StageRunRequest.builder().stage(StageMetadataRegistry.builtIn().require(StageId.of(stage)))
                .requestId("request-" + n).runId("run-" + taskId).requestKind(RequestKind.ACTIVE_WORK_ITEM)
                .modeId("default_codex").compiledPlanId("plan-1")
                .entrypointPath(runtime.resolve("entrypoints/execution/" + stage + ".md").toString())
                .activeWorkItemKind(WorkItemKind.TASK).activeWorkItemId(taskId)
                .runDir(runtime.resolve("runs").resolve("run-" + taskId).toString())
                .summaryStatusPath(runtime.resolve("state/execution_status.md").toString())
                .runtimeSnapshotPath(runtime.resolve("state/runtime_snapshot.json").toString())
                .recoveryCountersPath(runtime.resolve("state/recovery_counters.json").toString())
                .build();
    }
}
