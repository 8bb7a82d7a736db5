package ai.millrace.core.internal.engine;

import ai.millrace.api.Plane;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDecision;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.IncidentSeverity;
import ai.millrace.api.work.IncidentStatusHint;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.internal.journal.DeleteWorkspaceFile;
import ai.millrace.core.internal.journal.EnqueueDocument;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a routed stage result into one journaled transition: the stage result file, the plane's
 * status marker, the work-item move, a handoff incident, the new snapshot and counters, and the
 * removal of the dispatch record all commit together or not at all (spec 02 section 3.9, with the
 * original's crash windows closed). Used on the supervisor thread only.
 */
public final class ResultApplier {
    private final WorkspacePaths paths;
    private final QueueStore queues;
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * Creates the applier.
     *
     * @param paths the workspace layout
     * @param queues the queue store (read for handoff lineage)
     * @param clock the clock
     * @param ids the id generator
     */
    public ResultApplier(WorkspacePaths paths, QueueStore queues, Clock clock, IdGenerator ids) {
        this.paths = paths;
        this.queues = queues;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * What the closure, learning and governance hooks add to a result's transition.
     *
     * @param steps extra steps committed with the result
     * @param failureClass the failure class to keep when {@code overrideFailureClass} is set
     * @param overrideFailureClass whether {@code failureClass} replaces the decision's
     * @param planningMarker a planning status marker to write instead of the result's, or null
     * @param planningDelta planning documents the extra steps enqueue
     * @param learningDelta learning requests the extra steps enqueue
     */
    public record Extras(List<ai.millrace.core.internal.journal.TransitionStep> steps, String failureClass,
            boolean overrideFailureClass, String planningMarker, int planningDelta, int learningDelta) {
        /** Nothing extra. */
        public static final Extras NONE = new Extras(List.of(), null, false, null, 0, 0);
    }

    /** What applying a result changes: the transition to run and the state after it. */
    public record Applied(Transition transition, RuntimeSnapshot snapshot, RecoveryCounters counters,
            Path stageResultFile, String incidentId) {
    }

    /**
     * Plans the application of one result.
     *
     * @param snapshot the current snapshot (holding the run the result belongs to)
     * @param counters the current recovery counters
     * @param result the normalized result
     * @param decision the router's decision
     * @param requestId the request id the result answers
     * @return the transition and the resulting state
     */
    public Applied apply(RuntimeSnapshot snapshot, RecoveryCounters counters, StageResultEnvelope result,
            RouterDecision decision, String requestId) {
        return apply(snapshot, counters, result, decision, requestId, Extras.NONE);
    }

    /**
     * Plans the application of one result with what the hooks add.
     *
     * @param snapshot the current snapshot
     * @param counters the current recovery counters
     * @param result the normalized result
     * @param decision the router's decision
     * @param requestId the request id the result answers
     * @param extras steps and overrides from the closure, learning and governance hooks
     * @return the transition and the resulting state
     */
    public Applied apply(RuntimeSnapshot snapshot, RecoveryCounters counters, StageResultEnvelope result,
            RouterDecision decision, String requestId, Extras extras) {
        Instant now = clock.instant();
        Plane plane = result.plane();
        ActiveRunState run = snapshot.activeRun(plane);
        Path resultFile = paths.runDir(result.runId()).resolve("stage_results").resolve(requestId + ".json");
        Transition.Builder tx = Transition.named("apply_" + plane.wireName() + "_" + decision.action().wireName())
                .step(WriteWorkspaceFile.of(paths, resultFile, MillraceJson.write(result)))
                .step(DeleteWorkspaceFile.of(paths, paths.dispatchFile(plane)));
        if (result.stageKindId().equals("troubleshooter") || result.stageKindId().equals("mechanic")) {
            tx.step(DeleteWorkspaceFile.of(paths, paths.runtimeErrorContextFile()));
        }
        extras.steps().forEach(tx::step);
        String terminalMarker = plane == Plane.PLANNING && extras.planningMarker() != null ? extras.planningMarker()
                : result.summaryStatusMarker();
        RuntimeSnapshot.Builder next = snapshot.toBuilder()
                .lastTerminalResult(result.terminalResult().token())
                .lastStageResultPath(paths.workspaceRoot().relativize(resultFile).toString())
                .updatedAt(now);
        RecoveryCounters newCounters = counters;
        String incidentId = null;
        Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(snapshot.activeRunsByPlane());
        int planningDelta = 0;

        if (decision.action() == RouterAction.RUN_STAGE) {
            runs.put(plane, run.toBuilder().stage(decision.nextStage()).nodeId(decision.nextNodeId())
                    .stageKindId(decision.nextStageKindId()).activeSince(now).runningStatusMarker(null).build());
            next.currentFailureClass(decision.failureClass());
            newCounters = countRecovery(run, result, decision, counters, next, snapshot, now);
            RuntimeSnapshot s = Snapshots.withStatusMarker(Snapshots.withActiveRuns(next.build(), runs), plane,
                    terminalMarker);
            s = Snapshots.withQueueDepths(s, queues.planeDepth(Plane.EXECUTION),
                    queues.planeDepth(Plane.PLANNING) + extras.planningDelta(),
                    queues.planeDepth(Plane.LEARNING) + extras.learningDelta());
            tx.statusMarker(plane, terminalMarker).counters(newCounters).snapshot(s);
            return new Applied(tx.build(), s, newCounters, resultFile, null);
        }

        // The item leaves the plane: done, blocked, or handed to planning.
        runs.remove(plane);
        next.currentFailureClass(extras.overrideFailureClass() ? extras.failureClass()
                : decision.action() == RouterAction.IDLE ? null : decision.failureClass())
                .troubleshootAttemptCount(0).mechanicAttemptCount(0).fixCycleCount(0).consultantInvocations(0);
        if (run.workItemKind() != null) {
            QueueState target = decision.action() == RouterAction.IDLE ? QueueState.DONE : QueueState.BLOCKED;
            if (decision.action() == RouterAction.HANDOFF && decision.createIncident()) {
                IncidentDocument incident = handoffIncident(run, result, decision, resultFile, now);
                incidentId = incident.incidentId();
                tx.step(EnqueueDocument.of(queues, incident));
                planningDelta = 1;
            }
            tx.move(run.workItemKind(), run.workItemId(), QueueState.ACTIVE, target);
            tx.resetCounters(run.workItemKind(), run.workItemId());
            newCounters = withoutItem(counters, run.workItemKind(), run.workItemId());
        }
        RuntimeSnapshot s = Snapshots.withActiveRuns(next.build(), runs);
        if (decision.action() == RouterAction.IDLE) {
            List<Plane> marked = runs.isEmpty() ? List.of(Plane.values()) : List.of(plane);
            for (Plane p : marked) {
                s = Snapshots.withStatusMarker(s, p, RuntimeSnapshot.IDLE_MARKER);
                tx.statusMarker(p, RuntimeSnapshot.IDLE_MARKER);
            }
        } else {
            s = Snapshots.withStatusMarker(s, plane, terminalMarker);
            tx.statusMarker(plane, terminalMarker);
        }
        s = Snapshots.withQueueDepths(s, queues.planeDepth(Plane.EXECUTION),
                queues.planeDepth(Plane.PLANNING) + planningDelta + extras.planningDelta(),
                queues.planeDepth(Plane.LEARNING) + extras.learningDelta());
        tx.snapshot(s);
        return new Applied(tx.build(), s, newCounters, resultFile, incidentId);
    }

    // Recovery stages count attempts per failure class; fix cycles count FIX_NEEDED round trips.
    private RecoveryCounters countRecovery(ActiveRunState run, StageResultEnvelope result, RouterDecision decision,
            RecoveryCounters counters, RuntimeSnapshot.Builder next, RuntimeSnapshot snapshot, Instant now) {
        if (run.workItemKind() == null) {
            return counters;
        }
        String nextKind = decision.nextStageKindId();
        String fc = decision.failureClass();
        switch (nextKind) {
            case "troubleshooter":
                next.troubleshootAttemptCount(snapshot.troubleshootAttemptCount() + 1);
                return increment(counters, run, fc != null ? fc : "recoverable_failure", 1, 0, 0, 0, now);
            case "mechanic":
                next.mechanicAttemptCount(snapshot.mechanicAttemptCount() + 1);
                return increment(counters, run, fc != null ? fc : "recoverable_failure", 0, 1, 0, 0, now);
            case "consultant":
                next.consultantInvocations(snapshot.consultantInvocations() + 1);
                return increment(counters, run, fc != null ? fc : "recoverable_failure", 0, 0, 0, 1, now);
            default:
                if (result.terminalResult().equals(TerminalResult.FIX_NEEDED)) {
                    next.fixCycleCount(snapshot.fixCycleCount() + 1);
                    return increment(counters, run, fc != null ? fc : "fix_cycle", 0, 0, 1, 0, now);
                }
                return counters;
        }
    }

    private static RecoveryCounters increment(RecoveryCounters counters, ActiveRunState run, String failureClass,
            int troubleshoot, int mechanic, int fix, int consultant, Instant now) {
        List<RecoveryCounterEntry> entries = new ArrayList<>();
        boolean found = false;
        for (RecoveryCounterEntry e : counters.entries()) {
            if (!found && e.workItemKind() == run.workItemKind() && e.workItemId().equals(run.workItemId())
                    && e.failureClass().equals(failureClass)) {
                e = new RecoveryCounterEntry(e.failureClass(), e.workItemId(), e.workItemKind(),
                        e.troubleshootAttemptCount() + troubleshoot, e.mechanicAttemptCount() + mechanic,
                        e.fixCycleCount() + fix, e.consultantInvocations() + consultant, now);
                found = true;
            }
            entries.add(e);
        }
        if (!found) {
            entries.add(new RecoveryCounterEntry(failureClass, run.workItemId(), run.workItemKind(), troubleshoot,
                    mechanic, fix, consultant, now));
        }
        return new RecoveryCounters(entries);
    }

    private static RecoveryCounters withoutItem(RecoveryCounters counters, WorkItemKind kind, String id) {
        List<RecoveryCounterEntry> kept = new ArrayList<>();
        for (RecoveryCounterEntry e : counters.entries()) {
            if (!(e.workItemKind() == kind && e.workItemId().equals(id))) {
                kept.add(e);
            }
        }
        return new RecoveryCounters(kept);
    }

    private IncidentDocument handoffIncident(ActiveRunState run, StageResultEnvelope result, RouterDecision decision,
            Path resultFile, Instant now) {
        WorkDocument source = queues.read(run.workItemKind(), QueueState.ACTIVE, run.workItemId()).orElse(null);
        IncidentDocument.Builder b = IncidentDocument.builder()
                .incidentId("incident-" + run.workItemId() + "-" + ids.hex(8))
                .title("Planning handoff for " + run.workItemKind().wireName() + " " + run.workItemId())
                .summary("Stage " + result.stage() + " returned " + result.terminalResult()
                        + "; planning remediation required.")
                .sourceStage(result.stage())
                .sourcePlane(result.plane())
                .failureClass(decision.failureClass() != null ? decision.failureClass() : "consultant_needs_planning")
                .statusHint(IncidentStatusHint.INCOMING)
                .severity(IncidentSeverity.HIGH)
                .needsPlanning(true)
                .triggerReason(decision.reason())
                .consultantDecision(IncidentDecision.NEEDS_PLANNING)
                .openedAt(now)
                .openedBy("runtime")
                .observedSymptoms(flatten(result.notes()))
                .evidencePaths(evidence(result))
                .relatedRunIds(List.of(run.runId()))
                .relatedStageResults(List.of(paths.workspaceRoot().relativize(resultFile).toString()));
        if (source instanceof TaskDocument) {
            TaskDocument t = (TaskDocument) source;
            String root = t.rootSpecId() != null ? t.rootSpecId() : t.specId();
            b.rootIdeaId(t.rootIdeaId()).rootSpecId(root).sourceSpecId(root).sourceTaskId(t.taskId());
        } else if (source instanceof SpecDocument) {
            SpecDocument s = (SpecDocument) source;
            b.rootIdeaId(s.rootIdeaId()).rootSpecId(s.rootSpecId() != null ? s.rootSpecId() : s.specId())
                    .sourceSpecId(s.specId());
        } else if (source instanceof IncidentDocument) {
            IncidentDocument i = (IncidentDocument) source;
            b.rootIdeaId(i.rootIdeaId()).rootSpecId(i.rootSpecId() != null ? i.rootSpecId() : i.sourceSpecId())
                    .sourceTaskId(i.sourceTaskId()).sourceSpecId(i.sourceSpecId());
        }
        return b.build();
    }

    private static List<String> evidence(StageResultEnvelope result) {
        LinkedHashSet<String> paths = new LinkedHashSet<>(result.artifactPaths());
        for (String key : new String[] {"preferred_rubric_path", "preferred_verdict_path", "preferred_report_path"}) {
            Object value = result.metadata().get(key);
            if (value instanceof String) {
                paths.add((String) value);
            }
        }
        return flatten(new ArrayList<>(paths));
    }

    private static List<String> flatten(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String flat = WorkDocumentMarkdown.flattenLine(line);
            if (!flat.isBlank()) {
                out.add(flat);
            }
        }
        return out;
    }
}
