package ai.millrace.core.internal.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.closure.ClosureTestSupport;
import ai.millrace.core.internal.engine.StageRequestFactory;
import ai.millrace.core.internal.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CuratorPromotionAndEvidenceTest {
    @TempDir
    Path root;
    Fixtures.Env env;
    CuratorPromotion promotion;

    @BeforeEach
    void setUp() {
        env = ClosureTestSupport.workspace(root, Fixtures.CLOCK);
        promotion = new CuratorPromotion(env.paths());
    }

    private StageResultEnvelope curator(List<String> artifacts) {
        return StageResultEnvelope.builder().runId("run-7").plane(Plane.LEARNING).stage(StageId.of("curator"))
                .workItemKind(WorkItemKind.LEARNING_REQUEST).workItemId("learn-1")
                .terminalResult(ai.millrace.api.TerminalResult.of("CURATOR_COMPLETE"))
                .resultClass(ai.millrace.api.ResultClass.SUCCESS).summaryStatusMarker("### CURATOR_COMPLETE")
                .success(true).artifactPaths(artifacts).startedAt(Fixtures.T0).completedAt(Fixtures.T0).build();
    }

    private Path record(String state) {
        return env.paths().learningDir().resolve("update-candidates").resolve(state).resolve("run-7-learn-1.json");
    }

    @Test
    void aCuratorSkillUpdateIsDeferredWhileForegroundWorkRunsThenAppliedAtASafeBoundary() {
        StageResultEnvelope r = curator(List.of("/ws/out/Skill_Update-1.md", "/ws/out/notes.md"));

        CuratorPromotion.Effects deferred = promotion.onResult(r, List.of(Plane.EXECUTION), Fixtures.T0);
        ClosureTestSupport.commit(env, deferred.steps());
        JsonNode rec = MillraceJson.readTree(Fixtures.read(record("deferred")), "r");
        assertEquals("learning_curator_promotion", rec.get("kind").asText());
        assertEquals("deferred", rec.get("state").asText());
        assertEquals(List.of("/ws/out/Skill_Update-1.md"), List.of(rec.get("artifact_paths").get(0).asText()));
        assertEquals(1, rec.get("artifact_paths").size());
        assertEquals("execution", rec.get("foreground_active_planes").get(0).asText());
        assertEquals("learning_curator_promotion_deferred", deferred.events().get(0).eventType());

        assertTrue(promotion.applyDeferred(List.of(Plane.PLANNING), Fixtures.T0).steps().isEmpty());
        CuratorPromotion.Effects applied = promotion.applyDeferred(List.of(), Fixtures.T0);
        ClosureTestSupport.commit(env, applied.steps());
        assertFalse(Files.exists(record("deferred")));
        JsonNode done = MillraceJson.readTree(Fixtures.read(record("applied")), "r");
        assertEquals("applied", done.get("state").asText());
        assertEquals(ai.millrace.compiler.internal.json.Timestamps.format(Fixtures.T0), done.get("applied_at").asText());
        assertEquals("deferred_safe_boundary", applied.events().get(0).data().get("source"));
    }

    @Test
    void withoutForegroundWorkTheRecordIsAppliedAtOnceAndOtherResultsRecordNothing() {
        ClosureTestSupport.commit(env, promotion.onResult(curator(List.of("skill_update.md")), List.of(), Fixtures.T0)
                .steps());
        assertTrue(Files.exists(record("applied")));
        assertTrue(promotion.onResult(curator(List.of("report.md")), List.of(), Fixtures.T0).steps().isEmpty());
    }

    @Test
    void skillRevisionEvidenceHashesTheRequiredAndAttachedSkills() throws Exception {
        CompiledRunPlan plan = ClosureTestSupport.plan("learning_codex");
        MaterializedGraphNodePlan node = plan.graph(Plane.EXECUTION).nodes().stream()
                .filter(n -> n.nodeId().equals("builder")).findFirst().orElseThrow();
        ActiveRunState run = Fixtures.taskRun("task-1", "run-1");
        StageRunRequest request = new StageRequestFactory(env.paths()).build(plan, node, run, "request-3", null, null);
        Path skill = Path.of(request.requiredSkillPaths().get(0));
        Files.createDirectories(skill.getParent());
        Files.writeString(skill, "# Builder core\n");

        ClosureTestSupport.commit(env, List.of(SkillRevisionEvidence.step(env.paths(), request, Fixtures.T0)
                .orElseThrow()));

        JsonNode ev = MillraceJson.readTree(Fixtures.read(Path.of(request.skillRevisionEvidencePath())), "e");
        assertEquals("skill_revision_evidence", ev.get("kind").asText());
        assertEquals("request-3", ev.get("request_id").asText());
        assertEquals("run-1", ev.get("run_id").asText());
        assertEquals("learning_codex", ev.get("mode_id").asText());
        JsonNode first = ev.get("skills").get(0);
        assertEquals(skill.toString(), first.get("path").asText());
        assertTrue(first.get("exists").asBoolean());
        byte[] bytes = Files.readAllBytes(skill);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                first.get("sha256").asText());
        assertEquals(bytes.length, first.get("size_bytes").asInt());
        assertTrue(SkillRevisionEvidence.step(env.paths(), new StageRequestFactory(env.paths()).build(
                ClosureTestSupport.plan("default_codex"), node, run, "request-4", null, null), Fixtures.T0).isEmpty());
    }
}
