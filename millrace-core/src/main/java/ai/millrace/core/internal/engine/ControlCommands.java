package ai.millrace.core.internal.engine;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.Identifiers;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.api.state.PauseSource;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.document.WorkDocumentJson;
import ai.millrace.core.internal.control.CommandOutcome;
import ai.millrace.core.internal.control.MailboxHandler;
import ai.millrace.core.internal.journal.DeleteWorkspaceFile;
import ai.millrace.core.internal.journal.EnqueueDocument;
import ai.millrace.core.internal.journal.MoveDocument;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.journal.WriteCounters;
import ai.millrace.core.internal.journal.WriteSnapshot;
import ai.millrace.core.internal.journal.WriteStatusMarker;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Applies mailbox commands for a running {@link Engine}. Each command returns its durable effects,
 * which the mailbox commits with the command's archive in one transition, so a command is applied
 * exactly once. Runs on the supervisor thread.
 */
final class ControlCommands implements MailboxHandler {
    private final ControlContext engine;

    ControlCommands(ControlContext context) {
        this.engine = context;
    }

    @Override
    public CommandOutcome handle(MailboxCommandEnvelope envelope) throws Exception {
        RuntimeSnapshot s = engine.storedSnapshot();
        Map<String, Object> payload = envelope.payload();
        switch (envelope.command()) {
            case PAUSE:
                return snapshotOnly(withSources(s, true), "paused", true);
            case RESUME:
                return snapshotOnly(withSources(s, false), "resumed", true);
            case STOP:
                return snapshotOnly(s.toBuilder().stopRequested(true).updatedAt(now()).build(), "stop_requested", true);
            case RELOAD_CONFIG:
                return new CommandOutcome(Map.of("reload", engine.requestReload()), List.of());
            case ADD_TASK:
                return enqueue(WorkDocumentJson.read(documentJson(payload), TaskDocument.class, envelope.commandId()));
            case ADD_SPEC:
                return enqueue(WorkDocumentJson.read(documentJson(payload), SpecDocument.class, envelope.commandId()));
            case ADD_IDEA:
                return addIdea(payload);
            case RETRY_ACTIVE:
                return retryActive(s, payload);
            case CLEAR_STALE_STATE:
                return clearStale(s, payload);
            default:
                throw new MillraceException(ErrorCode.RUNTIME_STATE, "unsupported command " + envelope.command());
        }
    }

    private CommandOutcome snapshotOnly(RuntimeSnapshot next, String what, boolean applied) {
        return new CommandOutcome(Map.of(what, applied), List.of(new WriteSnapshot(next)));
    }

    private RuntimeSnapshot withSources(RuntimeSnapshot s, boolean pause) {
        LinkedHashSet<PauseSource> sources = new LinkedHashSet<>(s.pauseSources());
        if (pause) {
            sources.add(PauseSource.OPERATOR);
        } else {
            sources.remove(PauseSource.OPERATOR); // A governance pause outlives an operator resume.
        }
        return s.toBuilder().pauseSources(new ArrayList<>(sources)).paused(!sources.isEmpty()).updatedAt(now()).build();
    }

    private static String documentJson(Map<String, Object> payload) {
        Object document = payload.get("document");
        if (!(document instanceof Map) || payload.size() != 1) {
            throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT,
                    "payload must be {\"document\": {...}} with no other keys");
        }
        return MillraceJson.writeLine(document);
    }

    private CommandOutcome enqueue(WorkDocument document) {
        return new CommandOutcome(Map.of("enqueued", document.workItemKind().wireName() + " " + document.id()),
                List.of(EnqueueDocument.of(engine.queues(), document)));
    }

    private CommandOutcome addIdea(Map<String, Object> payload) {
        Object name = payload.get("source_name");
        Object markdown = payload.get("markdown");
        if (!(name instanceof String) || !((String) name).endsWith(".md")
                || !Identifiers.isSafeId(((String) name).substring(0, ((String) name).length() - 3))) {
            throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT,
                    "source_name must be a file name <safe id>.md (got " + name + ")");
        }
        if (!(markdown instanceof String) || ((String) markdown).isBlank()) {
            throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT, "markdown must not be blank");
        }
        Path target = engine.paths().ideasInboxDir().resolve((String) name);
        if (Files.exists(target)) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, target + " already exists");
        }
        return new CommandOutcome(Map.of("idea", target.toString()),
                List.of(WriteWorkspaceFile.of(engine.paths(), target, (String) markdown)));
    }

    private CommandOutcome retryActive(RuntimeSnapshot s, Map<String, Object> payload) {
        Object scope = payload.get("scope");
        ActiveRunState run;
        if (scope != null) {
            run = s.activeRun(Plane.of(String.valueOf(scope)));
            if (run == null) {
                return new CommandOutcome(Map.of("applied", false, "detail", "no active " + scope + " run"), List.of());
            }
        } else if (s.activeRunsByPlane().size() == 1) {
            run = s.activeRunsByPlane().values().iterator().next();
        } else if (s.activeRunsByPlane().isEmpty()) {
            return new CommandOutcome(Map.of("applied", false, "detail", "no active work item to retry"), List.of());
        } else {
            throw new MillraceException(ErrorCode.RUNTIME_STATE,
                    "multiple active planes; retry-active requires a plane scope");
        }
        if (run.requestKind() == RequestKind.CLOSURE_TARGET) {
            throw new MillraceException(ErrorCode.RUNTIME_STATE,
                    "active " + run.plane() + " run is not a retryable work item");
        }
        String reason = payload.get("reason") instanceof String ? (String) payload.get("reason") : "operator retry";
        List<TransitionStep> effects = new ArrayList<>(requeue(run, reason));
        Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(s.activeRunsByPlane());
        runs.remove(run.plane());
        RuntimeSnapshot next = Snapshots.withStatusMarker(Snapshots.withActiveRuns(s.toBuilder()
                .currentFailureClass(null).troubleshootAttemptCount(0).mechanicAttemptCount(0).fixCycleCount(0)
                .consultantInvocations(0).updatedAt(now()).build(), runs), run.plane(), RuntimeSnapshot.IDLE_MARKER);
        effects.add(new WriteStatusMarker(run.plane(), RuntimeSnapshot.IDLE_MARKER));
        effects.add(new WriteCounters(ai.millrace.core.internal.state.StateStore.withoutItem(
                engine.storedCounters(), run.workItemKind(), run.workItemId())));
        effects.add(new WriteSnapshot(next));
        return new CommandOutcome(Map.of("applied", true, "detail",
                "active " + run.workItemKind().wireName() + " " + run.workItemId() + " requeued"), effects);
    }

    private CommandOutcome clearStale(RuntimeSnapshot s, Map<String, Object> payload) {
        String reason = payload.get("reason") instanceof String ? (String) payload.get("reason") : "clear stale state";
        List<TransitionStep> effects = new ArrayList<>();
        int requeued = 0;
        for (ai.millrace.api.WorkItemKind kind : ai.millrace.api.WorkItemKind.values()) {
            for (String id : engine.queues().ids(kind, QueueState.ACTIVE)) {
                effects.add(new MoveDocument(kind, id, QueueState.ACTIVE, QueueState.QUEUED, reason));
                requeued++;
            }
        }
        for (Plane plane : Plane.values()) {
            effects.add(DeleteWorkspaceFile.of(engine.paths(), engine.paths().dispatchFile(plane)));
            effects.add(new WriteStatusMarker(plane, RuntimeSnapshot.IDLE_MARKER));
        }
        RuntimeSnapshot next = Snapshots.withActiveRuns(s.toBuilder().stopRequested(false).pauseSources(List.of())
                .paused(false).currentFailureClass(null).troubleshootAttemptCount(0).mechanicAttemptCount(0)
                .fixCycleCount(0).consultantInvocations(0).updatedAt(now()).build(), Map.of());
        for (Plane plane : Plane.values()) {
            next = Snapshots.withStatusMarker(next, plane, RuntimeSnapshot.IDLE_MARKER);
        }
        effects.add(new WriteCounters(RecoveryCounters.EMPTY));
        effects.add(new WriteSnapshot(next));
        return new CommandOutcome(Map.of("applied", true, "requeued", requeued), effects);
    }

    private List<TransitionStep> requeue(ActiveRunState run, String reason) {
        List<TransitionStep> steps = new ArrayList<>();
        if (engine.queues().statesOnDisk(run.workItemKind(), run.workItemId()).contains(QueueState.ACTIVE)) {
            steps.add(new MoveDocument(run.workItemKind(), run.workItemId(), QueueState.ACTIVE, QueueState.QUEUED,
                    reason));
        }
        steps.add(DeleteWorkspaceFile.of(engine.paths(), engine.paths().dispatchFile(run.plane())));
        return steps;
    }

    private java.time.Instant now() {
        return engine.clock().instant();
    }
}
