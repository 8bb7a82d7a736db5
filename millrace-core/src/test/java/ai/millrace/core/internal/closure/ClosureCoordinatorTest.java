package ai.millrace.core.internal.closure;

import ai.millrace.core.internal.testing.MutableClock;
import static ai.millrace.core.internal.closure.ClosureTestSupport.commit;
import static ai.millrace.core.internal.closure.ClosureTestSupport.put;
import static ai.millrace.core.internal.closure.ClosureTestSupport.rootSpec;
import static ai.millrace.core.internal.closure.ClosureTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.journal.MoveDocument;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosureCoordinatorTest {
    @TempDir
    Path root;
    MutableClock clock = new MutableClock(ClosureTestSupport.T0);
    Fixtures.Env env;
    ClosureCoordinator coordinator;
    CompiledRunPlan plan = ClosureTestSupport.plan("default_codex");
    RuntimeSnapshot idle = Fixtures.snapshot();

    @BeforeEach
    void setUp() {
        env = ClosureTestSupport.workspace(root, clock);
        coordinator = new ClosureCoordinator(env.queues(), clock, IdGenerator.sequential());
    }

    /** Claims a root spec the way the engine will: decision first, then one transition. */
    private SpecClaimDecision claim(String specId) {
        SpecDocument spec = (SpecDocument) env.queues().read(WorkItemKind.SPEC, QueueState.QUEUED, specId).orElseThrow();
        SpecClaimDecision d = coordinator.onSpecClaim(spec);
        if (d.allowed()) {
            List<TransitionStep> steps = new ArrayList<>();
            steps.add(new MoveDocument(WorkItemKind.SPEC, specId, QueueState.QUEUED, QueueState.ACTIVE, null));
            steps.addAll(d.steps());
            commit(env, steps);
        }
        return d;
    }

    private void openAlpha() {
        Fixtures.write(env.paths().ideasInboxDir().resolve("idea-alpha.md"), "# Alpha\n\nBuild alpha.\n");
        put(env, WorkItemKind.SPEC, QueueState.QUEUED, "idea-alpha",
                rootSpec("idea-alpha", "idea-alpha", "2026-01-01T00:00:00Z", "ideas/inbox/idea-alpha.md"));
        claim("idea-alpha");
        env.queues().move(WorkItemKind.SPEC, "idea-alpha", QueueState.ACTIVE, QueueState.DONE, null);
    }

    private static List<String> types(List<RuntimeEvent> events) {
        return events.stream().map(RuntimeEvent::eventType).toList();
    }

    @Test
    void claimingARootSpecOpensItsTargetWithCanonicalCopies() {
        Fixtures.write(env.paths().ideasInboxDir().resolve("idea-alpha.md"), "# Alpha\n\nBuild alpha.\n");
        String specText = rootSpec("idea-alpha", "idea-alpha", "2026-01-01T00:00:00Z", "ideas/inbox/idea-alpha.md");
        put(env, WorkItemKind.SPEC, QueueState.QUEUED, "idea-alpha", specText);

        SpecClaimDecision d = claim("idea-alpha");

        assertTrue(d.allowed());
        ClosureTargetState t = env.state().loadClosureTarget("idea-alpha").orElseThrow();
        assertTrue(t.closureOpen());
        assertEquals("millrace-agents/arbiter/contracts/root-specs/idea-alpha.md", t.rootSpecPath());
        assertEquals("millrace-agents/arbiter/contracts/ideas/idea-alpha.md", t.rootIdeaPath());
        assertEquals("millrace-agents/arbiter/rubrics/idea-alpha.md", t.rubricPath());
        assertEquals(ClosureTestSupport.T0, t.openedAt());
        assertEquals("# Alpha\n\nBuild alpha.\n", Fixtures.read(root.resolve(t.rootIdeaPath())));
        assertEquals(specText, Fixtures.read(root.resolve(t.rootSpecPath())));
        assertEquals(List.of("closure_target_opened"), types(d.events()));
        assertEquals("idea-alpha", coordinator.claimScope().rootFilter(Plane.EXECUTION));
    }

    @Test
    void aMissingSeedIdeaOpensTheTargetWithTheSpecAsSeedInsteadOfOrphaningTheClaim() {
        put(env, WorkItemKind.SPEC, QueueState.QUEUED, "spec-root", rootSpec("spec-root", "idea-gone",
                "2026-01-01T00:00:00Z", "ideas/inbox/idea-gone.md"));

        SpecClaimDecision d = claim("spec-root");

        assertTrue(d.allowed());
        assertEquals(List.of("closure_target_seed_idea_missing", "closure_target_opened"), types(d.events()));
        ClosureTargetState t = env.state().loadClosureTarget("spec-root").orElseThrow();
        String seed = Fixtures.read(root.resolve(t.rootIdeaPath()));
        assertTrue(seed.startsWith("<!-- millrace: no seed idea file was found for root_idea_id=idea-gone"), seed);
        assertTrue(seed.contains("Spec-ID: spec-root"));
        assertTrue(env.queues().statesOnDisk(WorkItemKind.SPEC, "spec-root").contains(QueueState.ACTIVE));
    }

    @Test
    void anUnrelatedRootSpecIsHeldBackWhileATargetIsOpen() {
        openAlpha();
        put(env, WorkItemKind.SPEC, QueueState.QUEUED, "idea-beta",
                rootSpec("idea-beta", "idea-beta", "2026-01-01T00:00:01Z"));
        put(env, WorkItemKind.TASK, QueueState.QUEUED, "t-alpha", task("t-alpha", "idea-alpha", "idea-alpha", null));

        ClaimScope scope = coordinator.claimScope();

        assertEquals("idea-alpha", scope.rootFilter(Plane.PLANNING));
        assertEquals("idea-alpha", scope.rootFilter(Plane.EXECUTION));
        assertNull(scope.rootFilter(Plane.LEARNING), "learning is never filtered");
        assertEquals(List.of(Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING), scope.order());
        assertEquals(List.of("idea-beta"), scope.deferredRootSpecIds());
        RuntimeEvent bp = scope.events().get(0);
        assertEquals("closure_target_backpressure", bp.eventType());
        assertEquals("idea-alpha", bp.data().get("open_root_spec_id"));
        assertEquals(List.of("idea-beta"), bp.data().get("deferred_root_spec_ids"));
        assertEquals("open_closure_target", bp.data().get("reason"));
        assertTrue(coordinator.claimScope().events().isEmpty(), "the same deferral is reported once");
        assertTrue(env.queues().nextCandidate(Plane.PLANNING, scope.rootFilter(Plane.PLANNING)).isEmpty());
        assertEquals("t-alpha", env.queues().nextCandidate(Plane.EXECUTION, scope.rootFilter(Plane.EXECUTION))
                .orElseThrow().id());

        SpecDocument beta = (SpecDocument) env.queues().read(WorkItemKind.SPEC, QueueState.QUEUED, "idea-beta")
                .orElseThrow();
        SpecClaimDecision refused = coordinator.onSpecClaim(beta);
        assertFalse(refused.allowed());
        assertEquals("open closure target backpressure", refused.requeueReason());
        assertTrue(refused.steps().isEmpty());
        assertTrue(env.state().loadClosureTarget("idea-beta").isEmpty());
    }

    @Test
    void theArbiterWaitsForTheLineageToDrainAndABlockedItemRaisesAVisibleStatus() {
        openAlpha();
        put(env, WorkItemKind.TASK, QueueState.QUEUED, "t1", task("t1", "idea-alpha", "idea-alpha", null));

        CompletionDecision open = coordinator.completionCandidate(plan, idle);
        assertEquals("lineage_work_open", open.reason());
        assertNull(open.activation());
        commit(env, open.steps());
        ClosureTargetState t = env.state().loadClosureTarget("idea-alpha").orElseThrow();
        assertTrue(t.closureBlockedByLineageWork());
        assertEquals(List.of("t1"), t.blockingWorkIds());

        env.queues().move(WorkItemKind.TASK, "t1", QueueState.QUEUED, QueueState.BLOCKED, null);
        CompletionDecision blocked = coordinator.completionCandidate(plan, idle);
        assertEquals("lineage_work_blocked", blocked.reason());
        assertEquals(List.of("closure_target_blocked_by_lineage_work"), types(blocked.events()));
        assertEquals(List.of("t1"), blocked.events().get(0).data().get("blocked_work_ids"));
        commit(env, blocked.steps());
        ClosureStatus status = coordinator.status();
        assertTrue(status.blockedReason().contains("task t1 (millrace-agents/tasks/blocked/t1.md)"),
                status.blockedReason());
        assertTrue(status.recommendedAction().contains("mv millrace-agents/tasks/blocked/t1.md millrace-agents/tasks/queue/"),
                status.recommendedAction());
        CompletionDecision again = coordinator.completionCandidate(plan, idle);
        assertEquals("lineage_work_blocked", again.reason());
        assertTrue(again.events().isEmpty() && again.steps().isEmpty(), "an unchanged stall writes nothing");

        env.queues().move(WorkItemKind.TASK, "t1", QueueState.BLOCKED, QueueState.DONE, null);
        CompletionDecision ready = coordinator.completionCandidate(plan, idle);
        assertTrue(ready.activate());
        assertEquals(List.of("closure_target_unblocked", "completion_stage_activated"), types(ready.events()));
        assertEquals(RequestKind.CLOSURE_TARGET, ready.activation().requestKind());
        assertEquals(Plane.PLANNING, ready.activation().plane());
        assertEquals("arbiter", ready.activation().nodeId());
        assertEquals("idea-alpha", ready.activation().closureTargetRootSpecId());
        assertEquals("idea-alpha", ready.activation().closureTargetRootIdeaId());
        assertTrue(ready.activation().runId().matches("run-[0-9a-f]{32}"));
        commit(env, ready.steps());
        ClosureTargetState cleared = env.state().loadClosureTarget("idea-alpha").orElseThrow();
        assertFalse(cleared.closureBlockedByLineageWork());
        assertNull(coordinator.status().blockedReason());
    }

    @Test
    void noActivationWhileThePlanningPlaneIsBusyOrWithoutCompletionBehaviour() {
        openAlpha();
        RuntimeSnapshot busy = ai.millrace.core.internal.state.Snapshots.withActiveRuns(idle,
                java.util.Map.of(Plane.PLANNING, ai.millrace.api.state.ActiveRunState.builder().plane(Plane.PLANNING)
                        .stage(ai.millrace.api.StageId.PLANNER).nodeId("planner").stageKindId("planner").runId("run-x")
                        .workItemKind(WorkItemKind.SPEC).workItemId("s").activeSince(ClosureTestSupport.T0).build()));
        assertEquals("planning_busy", coordinator.completionCandidate(plan, busy).reason());
        assertEquals("activate", coordinator.completionCandidate(plan, idle).reason());
    }

    @Test
    void backfillOpensATargetForTheNewestRootSpecWhenNoneIsOpen() {
        Fixtures.write(env.paths().ideasInboxDir().resolve("idea-old.md"), "# Old\n");
        put(env, WorkItemKind.SPEC, QueueState.DONE, "idea-old",
                rootSpec("idea-old", "idea-old", "2026-01-01T00:00:00Z", "ideas/inbox/idea-old.md"));

        CompletionDecision d = coordinator.completionCandidate(plan, idle);

        assertTrue(d.activate());
        assertTrue(types(d.events()).contains("completion_behavior_target_backfilled"));
        commit(env, d.steps());
        assertTrue(env.state().loadClosureTarget("idea-old").orElseThrow().closureOpen());
    }
}
