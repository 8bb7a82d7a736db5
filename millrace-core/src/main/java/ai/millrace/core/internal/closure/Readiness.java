package ai.millrace.core.internal.closure;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.journal.WriteClosureTarget;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The readiness refresh and drift check of spec 02 section 4.4 steps 3 and 4: a target is ready
 * for the arbiter when no open document carries its lineage and none has drifted from it. Writes
 * happen only when something changed, so an unchanged stall costs a scan and nothing else.
 */
final class Readiness {
    /** The failure class completion shows while lineage drift blocks it. */
    static final String DRIFT_CLASS = "closure_lineage_drift";

    /**
     * The outcome of an evaluation.
     *
     * @param target the target after the steps
     * @param steps steps to commit
     * @param events events to emit
     * @param notReadyReason null when ready, else {@code lineage_work_open},
     *     {@code lineage_work_blocked} or {@code lineage_drift}
     * @param failureClass the completion-blocked failure class, or null
     */
    record Result(ClosureTargetState target, List<TransitionStep> steps, List<RuntimeEvent> events,
            String notReadyReason, String failureClass) {
    }

    private final WorkspacePaths paths;

    Readiness(WorkspacePaths paths) {
        this.paths = paths;
    }

    Result evaluate(List<LineageItem> items, ClosureTargetState target, ClosureGate gate, Instant now) {
        String root = target.rootSpecId();
        List<LineageItem> lineage = LineageScanner.lineageWork(items, root);
        List<TransitionStep> steps = new ArrayList<>();
        List<RuntimeEvent> events = new ArrayList<>();
        if (!lineage.isEmpty()) {
            ClosureTargetState next = blocked(target, ids(lineage));
            if (!next.equals(target)) {
                steps.add(new WriteClosureTarget(next));
            }
            List<LineageItem> stalled = lineage.stream().filter(i -> i.state() == QueueState.BLOCKED).toList();
            if (!stalled.isEmpty()) {
                List<String> stalledIds = ids(stalled);
                String reason = stallReason(root, stalled);
                if (!stalledIds.equals(gate.blockedWorkIds()) || !reason.equals(gate.blockedReason())) {
                    String action = stallAction(stalled);
                    steps.add(gate.withBlocked(reason, stalledIds, action, now).step(paths));
                    events.add(ClosureEvents.of("closure_target_blocked_by_lineage_work", now, "root_spec_id", root,
                            "blocked_work_ids", stalledIds, "open_work_ids", ids(lineage), "blocked_reason", reason,
                            "recommended_action", action));
                }
                return new Result(next, steps, events, "lineage_work_blocked", null);
            }
            clearStall(gate, root, now, steps, events);
            return new Result(next, steps, events, "lineage_work_open", null);
        }
        Result drift = drift(items, target, gate, now);
        if (drift != null) {
            return drift;
        }
        ClosureTargetState next = target.toBuilder().closureBlockedByLineageWork(false).blockingWorkIds(List.of()).build();
        if (!next.equals(target)) {
            steps.add(new WriteClosureTarget(next));
        }
        clearStall(gate, root, now, steps, events);
        return new Result(next, steps, events, null, null);
    }

    /** Spec 02 section 4.5: null when nothing drifted. */
    Result drift(List<LineageItem> items, ClosureTargetState target, ClosureGate gate, Instant now) {
        List<DriftFinding> findings = LineageDrift.detect(items, target);
        if (findings.isEmpty()) {
            return null;
        }
        LinkedHashSet<String> idSet = new LinkedHashSet<>();
        findings.forEach(f -> idSet.add(f.item().id()));
        List<String> ids = List.copyOf(idSet);
        ClosureTargetState next = blocked(target, ids);
        Path diagnostic = LineageDrift.diagnosticFile(paths, target.rootSpecId());
        List<TransitionStep> steps = new ArrayList<>();
        List<RuntimeEvent> events = new ArrayList<>();
        if (!next.equals(target) || !Files.isRegularFile(diagnostic) || !ids.equals(gate.blockedWorkIds())) {
            String command = LineageDrift.repairCommand(paths, target.rootSpecId());
            String relative = TargetOpening.relative(paths, diagnostic);
            steps.add(WriteWorkspaceFile.of(paths, diagnostic, LineageDrift.diagnostic(paths, target, findings, now)));
            steps.add(new WriteClosureTarget(next));
            steps.add(gate.withBlocked("closure target " + target.rootSpecId() + " is blocked by lineage drift: "
                    + ids.size() + " open document(s) of its lineage name another root spec (see " + relative + ")",
                    ids, command, now).step(paths));
            events.add(ClosureEvents.of("closure_lineage_drift_detected", now, "root_spec_id", target.rootSpecId(),
                    "root_idea_id", target.rootIdeaId(), "finding_count", findings.size(), "diagnostic_path", relative,
                    "recommended_command", command));
        }
        return new Result(next, steps, events, "lineage_drift", DRIFT_CLASS);
    }

    private void clearStall(ClosureGate gate, String root, Instant now, List<TransitionStep> steps,
            List<RuntimeEvent> events) {
        if (gate.blockedReason() != null || !gate.blockedWorkIds().isEmpty()) {
            steps.add(gate.withBlocked(null, List.of(), null, now).step(paths));
            events.add(ClosureEvents.of("closure_target_unblocked", now, "root_spec_id", root));
        }
    }

    private static ClosureTargetState blocked(ClosureTargetState target, List<String> ids) {
        return target.toBuilder().closureBlockedByLineageWork(true).blockingWorkIds(ids).build();
    }

    private static List<String> ids(List<LineageItem> items) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        items.forEach(i -> out.add(i.id()));
        return List.copyOf(out);
    }

    private static String stallReason(String root, List<LineageItem> stalled) {
        List<String> parts = new ArrayList<>();
        for (LineageItem i : stalled) {
            parts.add(i.kind().wireName() + " " + i.id() + " (" + i.path() + ")");
        }
        return "closure target " + root + " cannot reach the arbiter: blocked lineage work " + String.join(", ", parts);
    }

    private String stallAction(List<LineageItem> stalled) {
        List<String> moves = new ArrayList<>();
        for (LineageItem i : stalled) {
            moves.add("mv " + i.path() + " " + queueFolder(i.kind()) + "/");
        }
        return "resolve the cause recorded for each blocked item, then requeue it (" + String.join("; ", moves)
                + ") or delete it if the lineage no longer needs it; the arbiter runs once the lineage drains";
    }

    private String queueFolder(WorkItemKind kind) {
        return paths.workspaceRoot().relativize(paths.queueDir(kind, QueueState.QUEUED)).toString().replace('\\', '/');
    }
}
