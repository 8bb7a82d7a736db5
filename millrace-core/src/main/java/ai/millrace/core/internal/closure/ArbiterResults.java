package ai.millrace.core.internal.closure;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.work.IncidentDecision;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.IncidentSeverity;
import ai.millrace.api.work.IncidentStatusHint;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.internal.journal.EnqueueDocument;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.journal.WriteClosureTarget;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Applies an arbiter (closure-target) result to its target (spec 02 section 4.6): records the
 * verdict and report, closes the target on {@code ARBITER_COMPLETE}, enqueues a remediation
 * incident on {@code REMEDIATION_NEEDED} unless the repeated-remediation guard fires, and parks
 * the arbiter after {@code BLOCKED} or a repeated remediation.
 *
 * <p>The guard reads a flag the gate keeps ({@link ClosureCoordinator#onStageCompleted}), not the
 * event log: a remediation request is repeated when a previous arbiter run exists and no
 * execution stage completed since it (spec 02 section 12 item 12).
 */
final class ArbiterResults {
    private final WorkspacePaths paths;
    private final QueueStore queues;
    private final IdGenerator ids;

    ArbiterResults(WorkspacePaths paths, QueueStore queues, IdGenerator ids) {
        this.paths = paths;
        this.queues = queues;
        this.ids = ids;
    }

    ArbiterOutcome apply(ClosureTargetState target, ClosureGate gate, ActiveRunState run, StageResultEnvelope result,
            RouterDecision decision, Path stageResultFile, Instant now) {
        String root = target.rootSpecId();
        String runId = run.runId();
        List<TransitionStep> steps = new ArrayList<>();
        List<RuntimeEvent> events = new ArrayList<>();
        String report = copyReport(result, runId, steps);
        ClosureTargetState.Builder b = target.toBuilder()
                .latestVerdictPath(verdictPath(result))
                .latestReportPath(report)
                .lastArbiterRunId(runId)
                .closureBlockedByLineageWork(false)
                .blockingWorkIds(List.of());
        ClosureGate nextGate = gate.withWork(false, false, now).withBlocked(null, List.of(), null, now);
        String incidentId = null;
        String failureClass = null;
        String marker = null;
        String parkReason = null;
        RouterAction action = decision.action();
        if (action == RouterAction.IDLE) {
            b.closureOpen(false).closedAt(now);
            events.add(ClosureEvents.of("closure_target_closed", now, "root_spec_id", root, "run_id", runId,
                    "latest_verdict_path", b.build().latestVerdictPath(), "latest_report_path", report));
        } else if (action == RouterAction.HANDOFF) {
            String previous = target.lastArbiterRunId();
            if (previous != null && !gate.executionSinceArbiter()) {
                failureClass = ArbiterOutcome.REPEATED_REMEDIATION;
                marker = "### BLOCKED";
                parkReason = ArbiterOutcome.REPEATED_REMEDIATION;
                events.add(ClosureEvents.of("closure_repeated_remediation_blocked", now, "root_spec_id", root,
                        "failure_class", failureClass, "run_id", runId, "previous_arbiter_run_id", previous));
            } else {
                failureClass = decision.failureClass() != null ? decision.failureClass() : ArbiterOutcome.PARITY_GAP;
                if (decision.createIncident()) {
                    IncidentDocument incident = incident(target, run, result, decision, failureClass, stageResultFile,
                            now);
                    incidentId = incident.incidentId();
                    steps.add(EnqueueDocument.of(queues, incident));
                    events.add(ClosureEvents.of("closure_remediation_incident_enqueued", now, "root_spec_id", root,
                            "incident_id", incidentId, "run_id", runId));
                }
            }
        } else if (action == RouterAction.BLOCKED) {
            failureClass = decision.failureClass() != null ? decision.failureClass() : ArbiterOutcome.ARBITER_BLOCKED;
            parkReason = ArbiterOutcome.ARBITER_BLOCKED;
        }
        ClosureTargetState next = b.build();
        if (parkReason != null) {
            nextGate = nextGate.withParking(parkReason, runId, ClosureFingerprint.planned(paths, next), now);
            events.add(ClosureEvents.of("closure_arbiter_parked", now, "root_spec_id", root, "run_id", runId,
                    "reason", parkReason, "rearm_when", "lineage work completes, the target/rubric/contract files "
                            + "change, or an operator re-arms the arbiter"));
        }
        steps.add(nextGate.step(paths));
        steps.add(new WriteClosureTarget(next));
        return new ArbiterOutcome(next, incidentId, failureClass, marker, parkReason != null, steps, events);
    }

    // The verdict the arbiter wrote at the preferred path, W-relative; null when it wrote none.
    private String verdictPath(StageResultEnvelope result) {
        Object v = result.metadata().get("preferred_verdict_path");
        if (!(v instanceof String) || ((String) v).isBlank()) {
            return null;
        }
        Path p = paths.workspaceRoot().resolve((String) v).normalize();
        return Files.isRegularFile(p) ? relativeOrAbsolute(p) : null;
    }

    // Copies the report artifact to R/arbiter/reports/<run_id>.md; null when there is none.
    private String copyReport(StageResultEnvelope result, String runId, List<TransitionStep> steps) {
        if (result.reportArtifact() == null || result.reportArtifact().isBlank()) {
            return null;
        }
        Path src = paths.workspaceRoot().resolve(result.reportArtifact()).normalize();
        if (!Files.isRegularFile(src)) {
            return null;
        }
        String text;
        try {
            text = Files.readString(src, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        Path copy = paths.arbiterDir().resolve("reports").resolve(runId + ".md");
        steps.add(WriteWorkspaceFile.of(paths, copy, text));
        return TargetOpening.relative(paths, copy);
    }

    private String relativeOrAbsolute(Path p) {
        return p.startsWith(paths.workspaceRoot()) ? TargetOpening.relative(paths, p) : p.toString();
    }

    private IncidentDocument incident(ClosureTargetState target, ActiveRunState run, StageResultEnvelope result,
            RouterDecision decision, String failureClass, Path stageResultFile, Instant now) {
        String root = target.rootSpecId();
        LinkedHashSet<String> evidence = new LinkedHashSet<>(result.artifactPaths());
        for (String key : new String[] {"preferred_rubric_path", "preferred_verdict_path", "preferred_report_path"}) {
            Object value = result.metadata().get(key);
            if (value instanceof String && !((String) value).isBlank()) {
                evidence.add((String) value);
            }
        }
        return IncidentDocument.builder()
                .incidentId("arbiter-gap-" + root + "-" + ids.hex(8))
                .title("Arbiter parity gap for " + root)
                .summary("The arbiter found the lineage of root spec " + root + " short of its contract ("
                        + result.terminalResult().token() + "); planning remediation required.")
                .rootIdeaId(target.rootIdeaId())
                .rootSpecId(root)
                .sourceSpecId(root)
                .sourceStage(StageId.ARBITER)
                .sourcePlane(Plane.PLANNING)
                .failureClass(failureClass)
                .statusHint(IncidentStatusHint.INCOMING)
                .severity(IncidentSeverity.HIGH)
                .needsPlanning(true)
                .triggerReason(decision.reason())
                .consultantDecision(IncidentDecision.NEEDS_PLANNING)
                .openedAt(now)
                .openedBy("runtime")
                .observedSymptoms(flatten(result.notes()))
                .evidencePaths(flatten(new ArrayList<>(evidence)))
                .relatedRunIds(List.of(run.runId()))
                .relatedStageResults(stageResultFile == null ? List.of()
                        : List.of(relativeOrAbsolute(stageResultFile.toAbsolutePath().normalize())))
                .build();
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
