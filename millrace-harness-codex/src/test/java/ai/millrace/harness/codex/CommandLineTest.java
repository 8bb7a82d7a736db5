package ai.millrace.harness.codex;

import ai.millrace.api.internal.harness.StagePrompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.StageId;
import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.config.PermissionLevel;
import ai.millrace.api.config.ReasoningEffort;
import ai.millrace.api.run.StageRunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of spec 1.3.2, with the permission levels mapped for Codex 0.169. */
class CommandLineTest {
    private static final Path WS = Path.of("/srv/ws");

    private static CodexRunnerConfig config(PermissionLevel level) {
        return new CodexRunnerConfig("codex", List.of("exec"), null, level, Map.of(), Map.of(), null, true, List.of(),
                Map.of());
    }

    private static List<String> argv(CodexRunnerConfig config, StageRunRequest request) {
        return CodexStageRunner.builder(WS).config(config).build().commandLine(request);
    }

    private static List<String> expected(StageRunRequest request, String... middle) {
        List<String> out = new ArrayList<>(List.of("codex", "exec", "--skip-git-repo-check", "--model", "fake-model"));
        out.addAll(List.of(middle));
        out.addAll(List.of("--cd", "/srv/ws", "--json", "--output-last-message",
                request.runDirectory().resolve("runner_last_message." + request.requestId() + ".txt").toString(),
                StagePrompt.render(request)));
        return out;
    }

    @Test
    void maximum() {
        StageRunRequest r = TestRequests.builder(WS, "req-1");
        assertEquals(expected(r, "--dangerously-bypass-approvals-and-sandbox"), argv(config(PermissionLevel.MAXIMUM), r));
    }

    @Test
    void elevated() {
        StageRunRequest r = TestRequests.builder(WS, "req-1");
        assertEquals(expected(r, "-c", "approval_policy=\"never\"", "--sandbox", "danger-full-access"),
                argv(config(PermissionLevel.ELEVATED), r));
    }

    @Test
    void basicUsesTheWorkspaceWriteSandboxNotFullAuto() {
        StageRunRequest r = TestRequests.builder(WS, "req-1");
        List<String> argv = argv(config(PermissionLevel.BASIC), r);
        assertEquals(expected(r, "--sandbox", "workspace-write"), argv);
        assertFalse(argv.contains("--full-auto"), "codex 0.169 rejects --full-auto");
    }

    @Test
    void stageOverrideBeatsModelOverrideBeatsDefault() {
        StageRunRequest builder = TestRequests.builder(WS, "req-1");
        StageRunRequest checker = TestRequests.builder(WS, StageId.CHECKER, "req-2").build();
        StageRunRequest noModel = TestRequests.builder(WS, StageId.BUILDER, "req-3").modelName(null).build();
        CodexRunnerConfig c = new CodexRunnerConfig("codex", List.of("exec"), null, PermissionLevel.MAXIMUM,
                Map.of(StageId.CHECKER, PermissionLevel.BASIC), Map.of("fake-model", PermissionLevel.ELEVATED), null,
                true, List.of(), Map.of());
        assertTrue(String.join(" ", argv(c, checker)).contains(" --sandbox workspace-write "));
        assertTrue(String.join(" ", argv(c, builder)).contains(" --sandbox danger-full-access "));
        List<String> plain = argv(c, noModel);
        assertTrue(plain.contains("--dangerously-bypass-approvals-and-sandbox"));
        assertFalse(plain.contains("--model"), "no --model without a model");
    }

    @Test
    void fullOrderWithProfileExtraConfigAndEffort() {
        StageRunRequest r = TestRequests.builder(WS, StageId.BUILDER, "req-1").modelReasoningEffort("high").build();
        CodexRunnerConfig c = new CodexRunnerConfig("/opt/codex", List.of("exec", "--ephemeral"), "ci",
                PermissionLevel.MAXIMUM, Map.of(), Map.of(), ReasoningEffort.LOW, false,
                List.of("model_provider=\"fake\"", "model_reasoning_effort=\"medium\""), Map.of());
        List<String> argv = argv(c, r);
        assertEquals(List.of("/opt/codex", "exec", "--ephemeral", "--profile", "ci", "--model", "fake-model",
                "--dangerously-bypass-approvals-and-sandbox", "-c", "model_provider=\"fake\"", "-c",
                "model_reasoning_effort=\"medium\"", "-c", "model_reasoning_effort=\"high\"", "--cd", "/srv/ws",
                "--json", "--output-last-message",
                r.runDirectory().resolve("runner_last_message.req-1.txt").toString(), StagePrompt.render(r)), argv);
    }

    @Test
    void configEffortWhenTheRequestHasNone() {
        StageRunRequest r = TestRequests.builder(WS, "req-1");
        CodexRunnerConfig c = new CodexRunnerConfig("codex", List.of("exec"), null, PermissionLevel.MAXIMUM, Map.of(),
                Map.of(), ReasoningEffort.XHIGH, true, List.of(), Map.of());
        List<String> argv = argv(c, r);
        int i = argv.indexOf("model_reasoning_effort=\"xhigh\"");
        assertEquals("-c", argv.get(i - 1));
        assertEquals("--cd", argv.get(i + 1));
    }

    @Test
    void relativeCommandIsResolvedAgainstTheWorkspace() {
        StageRunRequest r = TestRequests.builder(WS, "req-1");
        CodexRunnerConfig c = new CodexRunnerConfig("node_modules/.bin/codex", List.of("exec"), null,
                PermissionLevel.MAXIMUM, Map.of(), Map.of(), null, true, List.of(), Map.of());
        assertEquals("/srv/ws/node_modules/.bin/codex", argv(c, r).get(0));
        CodexRunnerConfig dotted = new CodexRunnerConfig("./bin/codex", List.of("exec"), null,
                PermissionLevel.MAXIMUM, Map.of(), Map.of(), null, true, List.of(), Map.of());
        assertEquals("/srv/ws/bin/codex", argv(dotted, r).get(0));
    }

    @Test
    void largePromptIsReplacedByDash() {
        StageRunRequest r = TestRequests.builder(WS, "req-1");
        List<String> argv = CodexStageRunner.builder(WS).config(config(PermissionLevel.MAXIMUM))
                .stdinPromptThreshold(10).build().commandLine(r);
        assertEquals("-", argv.get(argv.size() - 1));
    }
}
