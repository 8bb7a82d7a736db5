package ai.millrace.harness.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.PermissionLevel;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.config.RunnersConfig;
import ai.millrace.api.config.StageConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.PlanCompiler;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.internal.engine.StageRequestFactory;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.fakemodel.FakeModelServer;
import ai.millrace.testkit.fakemodel.FakeReply;
import ai.millrace.testkit.fakemodel.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex driven by the Millrace runtime itself: a task in a freshly initialized workspace
 * goes builder (with a real tool call) → checker → updater → done; and every stage of the
 * learning mode's compiled plan runs once with the shipped entrypoints, to prove the prompt a model
 * receives names the deployed entrypoint, the stage's legal markers and its required skill.
 */
class CodexRuntimeIT {
    private static FakeModelServer server;
    private static String skipReason;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        skipReason = RealCodex.skipReason();
        if (skipReason == null) {
            server = FakeModelServer.start();
        }
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private static MillraceConfig config(List<StageId> stages) {
        CodexRunnerConfig codex = new CodexRunnerConfig(RealCodex.binary().toString(), List.of("exec"), null,
                PermissionLevel.BASIC, Map.of(), Map.of(), null, true, List.of(
                        "model_provider=\"fake\"",
                        "model_providers.fake.name=\"fake\"",
                        "model_providers.fake.base_url=\"" + server.baseUrl() + "\"",
                        "model_providers.fake.wire_api=\"responses\"",
                        "model_providers.fake.request_max_retries=0",
                        "model_providers.fake.stream_max_retries=0"), Map.of());
        Map<StageId, StageConfig> stageConfig = new LinkedHashMap<>();
        stages.forEach(s -> stageConfig.put(s, new StageConfig(null, "fake-model", null, 180)));
        return MillraceConfig.builder()
                .runners(new RunnersConfig("codex_cli", codex, PiRunnerConfig.defaults(), Map.of()))
                .stages(stageConfig).build();
    }

    @Test
    void theRuntimeRunsATaskThroughTheRealCodex() throws Exception {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
        Path ws = tmp.resolve("ws");
        WorkspaceInitializer.create().init(ws);
        WorkspacePaths paths = WorkspacePaths.of(ws);
        TaskDocument task = TaskDocument.builder().taskId("task-001").title("Write the proof file")
                .createdAt(Instant.parse("2026-01-01T00:00:00Z")).createdBy("it")
                .targetPaths(List.of("out/proof.txt")).acceptance(List.of("out/proof.txt exists"))
                .requiredChecks(List.of("test -f out/proof.txt")).references(List.of("README.md"))
                .risk(List.of("none")).build();
        Files.writeString(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "task-001"),
                WorkDocumentMarkdown.render(task));
        int before = server.requests().size();
        server.enqueue(FakeReply.shellCommand("mkdir -p out && echo built by codex > out/proof.txt")
                        .withUsage(400, 0, 20, 0))
                .enqueue(FakeReply.text("Wrote out/proof.txt.\n\n### BUILDER_COMPLETE").withUsage(600, 100, 30, 0))
                .enqueue(FakeReply.text("The file exists.\n\n### CHECKER_PASS").withUsage(300, 0, 10, 0))
                .enqueue(FakeReply.text("Nothing to document.\n\n### UPDATE_COMPLETE").withUsage(200, 0, 10, 0));

        try (MillraceRuntime runtime = Millrace.builder().workspace(ws)
                .config(config(List.of(StageId.BUILDER, StageId.CHECKER, StageId.UPDATER)))
                .plugins(PluginRegistry.of(new CodexRunnerProvider())).discoverPlugins(false).build()) {
            RunSummary summary = runtime.runUntilIdle();

            assertEquals(new RunSummary(3, "no_work"), summary, () -> diagnostics(ws));
        }
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.DONE, "task-001")));
        assertEquals("built by codex\n", Files.readString(ws.resolve("out/proof.txt")), "codex ran the tool call");
        List<RecordedRequest> requests = server.requests().subList(before, server.requests().size()).stream()
                .filter(RecordedRequest::isModelRequest).toList();
        assertEquals(4, requests.size(), "builder twice (tool call, then answer), checker, updater");
        assertTrue(requests.get(0).body().contains(
                paths.runtimeRoot().resolve("entrypoints/execution/builder.md").toString()));
        String events = Files.readString(paths.runtimeEventsFile());
        assertTrue(events.contains("\"total_tokens\":1050"), "builder usage recorded in the stage_completed event");
    }

    @Test
    void everyShippedStagePromptNamesItsEntrypointMarkersAndSkill() throws Exception {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
        Path ws = tmp.resolve("ws");
        WorkspaceInitializer.create().init(ws);
        WorkspacePaths paths = WorkspacePaths.of(ws);
        CompiledRunPlan plan = PlanCompiler.builder().workspaceRoot(ws).assetsRoot(paths.runtimeRoot())
                .config(MillraceConfig.defaults()).build().compile("learning_codex").orThrow();
        StageRequestFactory factory = new StageRequestFactory(paths);
        CodexStageRunner runner = CodexStageRunner.builder(ws).config(config(List.of()).runners().codex()).build();
        int count = 0;
        for (FrozenGraphPlanePlan graph : plan.graphsByPlane().values()) {
            for (MaterializedGraphNodePlan node : graph.nodes()) {
                StageRunRequest request = factory.build(plan, node, run(graph.plane(), node), "request-all-" + node.nodeId(),
                        graph.plane() == Plane.PLANNING && node.nodeId().equals("arbiter") ? target() : null, null)
                        .toBuilder().modelName("fake-model").timeoutSeconds(180).build();
                String marker = request.legalTerminalMarkers().get(0);
                int before = server.requests().size();
                server.enqueue(FakeReply.text("Done.\n\n" + marker));

                RunnerRawResult raw = runner.run(request);

                assertEquals(RunnerExitKind.COMPLETED, raw.exitKind(), node.nodeId() + ": " + raw);
                String body = server.requests().get(before).body();
                assertTrue(body.contains(request.entrypointPath()), node.nodeId() + " prompt names its entrypoint");
                assertTrue(body.contains("Legal markers for this stage: "
                        + String.join(", ", request.legalTerminalMarkers().stream().map(m -> "`" + m + "`").toList())),
                        node.nodeId() + " prompt lists its legal markers");
                assertTrue(body.contains(request.requiredSkillPaths().get(0)), node.nodeId() + " prompt names its skill");
                assertTrue(Files.isRegularFile(Path.of(request.entrypointPath())), "the entrypoint is deployed");
                assertTrue(Files.readString(Path.of(raw.stdoutPath())).strip().endsWith(marker));
                count++;
            }
        }
        assertEquals(15, count, "all fifteen stages ran");
    }

    private static ActiveRunState run(Plane plane, MaterializedGraphNodePlan node) {
        ActiveRunState.Builder b = ActiveRunState.builder().plane(plane).stage(StageId.of(node.stageKindId()))
                .nodeId(node.nodeId()).stageKindId(node.stageKindId()).runId("run-" + node.nodeId())
                .activeSince(Instant.parse("2026-01-01T00:00:00Z"));
        if (plane == Plane.LEARNING) {
            return b.requestKind(RequestKind.LEARNING_REQUEST).workItemKind(WorkItemKind.LEARNING_REQUEST)
                    .workItemId("learn-1").build();
        }
        if (node.nodeId().equals("arbiter")) {
            return b.requestKind(RequestKind.CLOSURE_TARGET).closureTargetRootSpecId("spec-root")
                    .closureTargetRootIdeaId("idea-root").build();
        }
        return b.workItemKind(plane == Plane.EXECUTION ? WorkItemKind.TASK : WorkItemKind.SPEC).workItemId("item-1").build();
    }

    private static ClosureTargetState target() {
        return ClosureTargetState.builder().rootSpecId("spec-root").rootIdeaId("idea-root")
                .rootSpecPath("millrace-agents/arbiter/contracts/root-specs/spec-root.md")
                .rootIdeaPath("millrace-agents/arbiter/contracts/ideas/idea-root.md")
                .rubricPath("millrace-agents/arbiter/rubrics/spec-root.md")
                .openedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    private static String diagnostics(Path ws) {
        try {
            return Files.readString(WorkspacePaths.of(ws).runtimeEventsFile());
        } catch (Exception e) {
            return e.toString();
        }
    }
}
