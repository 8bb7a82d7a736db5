package ai.millrace.core.internal.closure;

import ai.millrace.core.internal.testing.MutableClock;
import static ai.millrace.core.internal.closure.ClosureTestSupport.commit;
import static ai.millrace.core.internal.closure.ClosureTestSupport.put;
import static ai.millrace.core.internal.closure.ClosureTestSupport.rootSpec;
import static ai.millrace.core.internal.closure.ClosureTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.IncidentSeverity;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArbiterResultTest {
    private static final RouterDecision COMPLETE = new RouterDecision(RouterAction.IDLE, null, null, "arbiter_complete",
            null, null, null, null, false);
    private static final RouterDecision GAP = new RouterDecision(RouterAction.HANDOFF, Plane.PLANNING, null,
            "arbiter_parity_gap", null, null, "arbiter_parity_gap", null, true);
    private static final RouterDecision BLOCKED = new RouterDecision(RouterAction.BLOCKED, null, null,
            "arbiter_blocked", null, null, null, null, false);

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
        Fixtures.write(env.paths().ideasInboxDir().resolve("idea-alpha.md"), "# Alpha\n");
        put(env, WorkItemKind.SPEC, QueueState.QUEUED, "idea-alpha",
                rootSpec("idea-alpha", "idea-alpha", "2026-01-01T00:00:00Z", "ideas/inbox/idea-alpha.md"));
        SpecDocument spec = (SpecDocument) env.queues().read(WorkItemKind.SPEC, QueueState.QUEUED, "idea-alpha")
                .orElseThrow();
        commit(env, coordinator.onSpecClaim(spec).steps());
        env.queues().move(WorkItemKind.SPEC, "idea-alpha", QueueState.QUEUED, QueueState.DONE, null);
    }

    /** Activates the arbiter, writes its report and verdict, and applies its result. */
    private ArbiterOutcome arbiter(String terminal, RouterDecision decision) {
        CompletionDecision d = coordinator.completionCandidate(plan, idle);
        assertTrue(d.activate(), "expected activation, got " + d.reason());
        commit(env, d.steps());
        ActiveRunState run = d.activation();
        Path report = env.paths().runDir(run.runId()).resolve("arbiter_report.md");
        Fixtures.write(report, "# Report " + run.runId() + "\n");
        Path verdict = env.paths().arbiterDir().resolve("verdicts").resolve("idea-alpha.json");
        Fixtures.write(verdict, "{}\n");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", "request-1");
        meta.put("closure_target_root_spec_id", "idea-alpha");
        meta.put("preferred_verdict_path", verdict.toString());
        meta.put("preferred_rubric_path", root.resolve("millrace-agents/arbiter/rubrics/idea-alpha.md").toString());
        StageResultEnvelope result = ClosureTestSupport.result(Plane.PLANNING, "arbiter", terminal, WorkItemKind.SPEC,
                "idea-alpha", run.runId(), report.toString(), meta);
        Path resultFile = env.paths().runDir(run.runId()).resolve("stage_results").resolve("request-1.json");
        ArbiterOutcome outcome = coordinator.onArbiterResult(run, result, decision, resultFile);
        commit(env, outcome.steps());
        clock.advance(Duration.ofMinutes(1));
        return outcome;
    }

    private ClosureTargetState target() {
        return env.state().loadClosureTarget("idea-alpha").orElseThrow();
    }

    private void executionCompletes() {
        ActiveRunState exec = Fixtures.taskRun("t-x", "run-exec");
        commit(env, coordinator.onStageCompleted(exec));
    }

    @Test
    void arbiterCompleteClosesTheTargetAndCopiesItsReport() {
        ArbiterOutcome o = arbiter("ARBITER_COMPLETE", COMPLETE);

        ClosureTargetState t = target();
        assertFalse(t.closureOpen());
        assertEquals(ClosureTestSupport.T0, t.closedAt());
        assertEquals(o.target(), t);
        String runId = t.lastArbiterRunId();
        assertEquals("millrace-agents/arbiter/reports/" + runId + ".md", t.latestReportPath());
        assertEquals("# Report " + runId + "\n", Fixtures.read(root.resolve(t.latestReportPath())));
        assertEquals("millrace-agents/arbiter/verdicts/idea-alpha.json", t.latestVerdictPath());
        assertNull(o.incidentId());
        assertNull(o.failureClass());
        assertEquals("closure_target_closed", o.events().get(0).eventType());
        assertTrue(coordinator.openTarget().isEmpty());
        assertNull(coordinator.claimScope().openRootSpecId());
        assertEquals("target_closed", coordinator.completionCandidate(plan, idle).reason());
    }

    @Test
    void remediationNeededEnqueuesAGapIncidentWithTheTargetsLineage() {
        ArbiterOutcome o = arbiter("REMEDIATION_NEEDED", GAP);

        assertTrue(o.incidentId().matches("arbiter-gap-idea-alpha-[0-9a-f]{8}"), o.incidentId());
        assertEquals("arbiter_parity_gap", o.failureClass());
        assertFalse(o.parked());
        IncidentDocument inc = (IncidentDocument) env.queues().read(WorkItemKind.INCIDENT, QueueState.QUEUED,
                o.incidentId()).orElseThrow();
        assertEquals("idea-alpha", inc.rootSpecId());
        assertEquals("idea-alpha", inc.rootIdeaId());
        assertEquals("idea-alpha", inc.sourceSpecId());
        assertEquals(StageId.ARBITER, inc.sourceStage());
        assertEquals(IncidentSeverity.HIGH, inc.severity());
        assertEquals("arbiter_parity_gap", inc.triggerReason());
        assertEquals(List.of("note one"), inc.observedSymptoms());
        assertEquals(List.of(target().lastArbiterRunId()), inc.relatedRunIds());
        assertTrue(target().closureOpen());
        assertEquals("idea-alpha", coordinator.claimScope().rootFilter(Plane.PLANNING));
        assertEquals(o.incidentId(), env.queues().nextCandidate(Plane.PLANNING, "idea-alpha").orElseThrow().id());
    }

    @Test
    void aSecondRemediationWithoutExecutionIsBlockedByTheGuardWithoutAnIncident() {
        ArbiterOutcome first = arbiter("REMEDIATION_NEEDED", GAP);
        String previous = target().lastArbiterRunId();
        env.queues().move(WorkItemKind.INCIDENT, first.incidentId(), QueueState.QUEUED, QueueState.DONE, null);
        // The incident was planned (a planning stage) but nothing executed.
        ActiveRunState planning = ActiveRunState.builder().plane(Plane.PLANNING).stage(StageId.AUDITOR)
                .nodeId("auditor").stageKindId("auditor").runId("run-p").workItemKind(WorkItemKind.INCIDENT)
                .workItemId(first.incidentId()).activeSince(ClosureTestSupport.T0).build();
        commit(env, coordinator.onStageCompleted(planning));

        ArbiterOutcome second = arbiter("REMEDIATION_NEEDED", GAP);

        assertNull(second.incidentId());
        assertEquals("closure_repeated_remediation_without_execution", second.failureClass());
        assertEquals("### BLOCKED", second.planningMarker());
        assertTrue(second.parked());
        RuntimeEvent guard = second.events().get(0);
        assertEquals("closure_repeated_remediation_blocked", guard.eventType());
        assertEquals(previous, guard.data().get("previous_arbiter_run_id"));
        assertTrue(env.queues().ids(WorkItemKind.INCIDENT, QueueState.QUEUED).isEmpty());
        assertEquals("arbiter_parked", coordinator.completionCandidate(plan, idle).reason());
    }

    @Test
    void aRemediationAfterExecutionRanEnqueuesAnotherIncident() {
        ArbiterOutcome first = arbiter("REMEDIATION_NEEDED", GAP);
        env.queues().move(WorkItemKind.INCIDENT, first.incidentId(), QueueState.QUEUED, QueueState.DONE, null);
        executionCompletes();
        assertTrue(coordinator.onStageCompleted(Fixtures.taskRun("t-y", "run-y")).isEmpty(),
                "the flag is written once per arbiter cycle");

        ArbiterOutcome second = arbiter("REMEDIATION_NEEDED", GAP);

        assertTrue(second.incidentId() != null && !second.incidentId().equals(first.incidentId()));
        assertFalse(second.parked());
    }

    @Test
    void afterBlockedTheArbiterIsNotOfferedAgainUntilSomethingChanges() {
        ArbiterOutcome o = arbiter("BLOCKED", BLOCKED);
        assertTrue(o.parked());
        assertEquals("arbiter_blocked", o.failureClass());
        assertTrue(target().closureOpen());
        assertEquals("arbiter_blocked", coordinator.status().arbiterParkedReason());

        for (int i = 0; i < 3; i++) {
            CompletionDecision d = coordinator.completionCandidate(plan, idle);
            assertEquals("arbiter_parked", d.reason());
            assertTrue(d.steps().isEmpty() && d.events().isEmpty());
        }

        // An operator edits the rubric: that is a change.
        Fixtures.write(root.resolve(target().rubricPath()), "# Rubric\n- stricter\n");
        CompletionDecision rearmed = coordinator.completionCandidate(plan, idle);
        assertTrue(rearmed.activate());
        assertEquals("closure_arbiter_rearmed", rearmed.events().get(0).eventType());
        assertEquals("closure_files_changed", rearmed.events().get(0).data().get("reason"));
    }

    @Test
    void aParkedArbiterIsReArmedByLineageWorkThatDrainsOrByAnOperator() {
        arbiter("BLOCKED", BLOCKED);
        put(env, WorkItemKind.TASK, QueueState.QUEUED, "t-new", task("t-new", "idea-alpha", "idea-alpha", null));
        assertEquals("arbiter_parked", coordinator.completionCandidate(plan, idle).reason());
        executionCompletes();
        env.queues().move(WorkItemKind.TASK, "t-new", QueueState.QUEUED, QueueState.DONE, null);
        CompletionDecision d = coordinator.completionCandidate(plan, idle);
        assertTrue(d.activate());
        assertEquals("lineage_work_completed", d.events().get(0).data().get("reason"));
        commit(env, d.steps());

        arbiter("BLOCKED", BLOCKED);
        assertEquals("arbiter_parked", coordinator.completionCandidate(plan, idle).reason());
        CompletionDecision retry = coordinator.rearm("operator retry");
        commit(env, retry.steps());
        assertTrue(coordinator.completionCandidate(plan, idle).activate());
    }
}
