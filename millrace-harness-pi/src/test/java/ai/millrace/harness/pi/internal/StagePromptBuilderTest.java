package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.harness.StagePrompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.StageRunRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagePromptBuilderTest {

    static StageRunRequest goldenRequest() {
        return StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(StageId.BUILDER))
                .requestId("req-pi_basic")
                .runId("run-pi_basic")
                .modeId("default_pi")
                .compiledPlanId("plan-rig")
                .entrypointPath("/srv/rig/workspace/entrypoints/builder.md")
                .entrypointContractId("builder.contract.v1")
                .activeWorkItemKind(WorkItemKind.TASK)
                .activeWorkItemId("task-rig-001")
                .activeWorkItemPath("/srv/rig/workspace/tasks/task-rig-001.md")
                .runDir("/srv/rig/runs/pi_basic")
                .runtimeSnapshotPath("/srv/rig/workspace/state/runtime_snapshot.json")
                .recoveryCountersPath("/srv/rig/workspace/state/recovery_counters.json")
                .summaryStatusPath("/srv/rig/workspace/state/execution_status.md")
                .runnerName("pi_rpc")
                .modelName("fake-model")
                .timeoutSeconds(60)
                .build();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = StagePromptBuilderTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rendersTheOriginalsPromptByteForByte() throws IOException {
        assertEquals(resource("runner_prompt.req-pi_basic.md"), StagePrompt.render(goldenRequest()));
    }

    @Test
    void listsAndMissingValuesRenderAsTheOriginalDoes() {
        StageRunRequest request = goldenRequest().toBuilder()
                .requiredSkillPaths(List.of("/skills/a.md", "/skills/b.md"))
                .activeWorkItemKind(null).activeWorkItemId(null)
                .modelName(null).timeoutSeconds(0)
                .build();
        String prompt = StagePrompt.render(request);

        assertTrue(prompt.contains("\nRequired Skill Paths:\n- /skills/a.md\n- /skills/b.md\nAttached Skill Paths: none\n"));
        assertTrue(prompt.contains("\nActive Work Item: none none\n"));
        assertTrue(prompt.contains("\nModel Name: none\n"));
        assertTrue(prompt.endsWith("\nTimeout Seconds: 0\n\nWhen done, print exactly one legal terminal marker defined"
                + " by the opened entrypoint contract.\nLegal markers for this stage: `### BUILDER_COMPLETE`, `### BLOCKED`."
                + "\nDo not invent or rename terminal markers.\nDo not print multiple terminal markers."));
        assertFalse(prompt.endsWith("\n"));
    }
}
