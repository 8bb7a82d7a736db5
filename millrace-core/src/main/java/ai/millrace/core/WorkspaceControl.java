package ai.millrace.core;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.state.MailboxCommand;
import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.document.WorkDocumentJson;
import ai.millrace.core.internal.control.ClearStaleOutcome;
import ai.millrace.core.internal.control.ControlFileLock;
import ai.millrace.core.internal.control.LockStatus;
import ai.millrace.core.internal.control.Mailbox;
import ai.millrace.core.internal.control.OwnershipLock;
import ai.millrace.core.internal.engine.DirectControl;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operator control of a workspace from outside a runtime (the CLI, scripts, other programs).
 *
 * <p>Each request is routed the way the original routes it: when a live daemon owns the
 * workspace the command goes into the mailbox (mode {@code mailbox}) and the daemon applies it at
 * its next cycle; otherwise it is applied to the workspace at once (mode {@code direct}). Routing
 * and direct changes happen under the workspace's control file lock, so a daemon starting at the
 * same moment cannot lose them. Thread-safe.
 */
public final class WorkspaceControl {
    private final WorkspacePaths paths;
    private final Clock clock;
    private final IdGenerator ids;
    private final String issuer;

    private WorkspaceControl(WorkspacePaths paths, Clock clock, IdGenerator ids, String issuer) {
        this.paths = paths;
        this.clock = clock;
        this.ids = ids;
        this.issuer = issuer;
    }

    /**
     * Returns control over an initialized workspace.
     *
     * @param workspace the workspace root
     * @return the control
     * @throws MillraceException when the workspace is not initialized
     */
    public static WorkspaceControl of(Path workspace) {
        return of(workspace, Clock.systemUTC(), IdGenerator.random(), "operator");
    }

    /**
     * Returns control over an initialized workspace with an explicit clock, ids and issuer.
     *
     * @param workspace the workspace root
     * @param clock the clock
     * @param ids the id generator
     * @param issuer who issues the commands, recorded in mailbox envelopes
     * @return the control
     */
    public static WorkspaceControl of(Path workspace, Clock clock, IdGenerator ids, String issuer) {
        return new WorkspaceControl(WorkspaceInitializer.requireInitialized(workspace), clock, ids, issuer);
    }

    /** @return the result of pausing (operator source) */
    public ControlResult pause() {
        return route("pause", MailboxCommand.PAUSE, Map.of(), "runtime paused directly");
    }

    /** @return the result of resuming (operator source; a governance pause stays) */
    public ControlResult resume() {
        return route("resume", MailboxCommand.RESUME, Map.of(), "runtime resumed directly");
    }

    /** @return the result of a stop request */
    public ControlResult stop() {
        return route("stop", MailboxCommand.STOP, Map.of(), "runtime stopped directly");
    }

    /** @return the result of a reload request */
    public ControlResult reloadConfig() {
        return route("reload_config", MailboxCommand.RELOAD_CONFIG, Map.of(),
                "no daemon running; reload request not enqueued");
    }

    /**
     * Requeues the active work item of a plane, or of the only active plane.
     *
     * @param scope the plane, or null
     * @param reason why, recorded with the requeue
     * @return the result
     */
    public ControlResult retryActive(Plane scope, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", reason);
        if (scope != null) {
            payload.put("scope", scope.wireName());
        }
        return route("retry_active", MailboxCommand.RETRY_ACTIVE, payload, null);
    }

    /**
     * Requeues every active work file and resets the runtime to idle; clears a stale ownership
     * lock when no live daemon holds it.
     *
     * @param reason why
     * @return the result
     */
    public ControlResult clearStaleState(String reason) {
        return route("clear_stale_state", MailboxCommand.CLEAR_STALE_STATE, Map.of("reason", reason), null);
    }

    /**
     * Queues a task.
     *
     * @param task the task
     * @return the result
     */
    public ControlResult addTask(TaskDocument task) {
        return route("add_task", MailboxCommand.ADD_TASK, Map.of("document", WorkDocumentJson.toMap(task)), "task queued directly");
    }

    /**
     * Queues a spec.
     *
     * @param spec the spec
     * @return the result
     */
    public ControlResult addSpec(SpecDocument spec) {
        return route("add_spec", MailboxCommand.ADD_SPEC, Map.of("document", WorkDocumentJson.toMap(spec)), "spec queued directly");
    }

    /**
     * Stages an idea in {@code ideas/inbox/}.
     *
     * @param sourceName the file name, {@code <safe id>.md}
     * @param markdown the idea
     * @return the result
     */
    public ControlResult addIdea(String sourceName, String markdown) {
        return route("add_idea", MailboxCommand.ADD_IDEA, Map.of("source_name", sourceName, "markdown", markdown),
                "idea staged directly");
    }

    private ControlResult route(String action, MailboxCommand command, Map<String, Object> payload, String detail) {
        AtomicFiles files = AtomicFiles.DURABLE;
        try (ControlFileLock held = ControlFileLock.acquire(paths)) {
            OwnershipLock lock = new OwnershipLock(paths, files, clock, Duration.ofMinutes(2));
            Mailbox mailbox = new Mailbox(paths, files, clock);
            if (lock.inspect().status() == LockStatus.ACTIVE) {
                MailboxCommandEnvelope envelope = mailbox.submit(command, payload, issuer);
                return new ControlResult(action, "mailbox", false, command == MailboxCommand.RELOAD_CONFIG
                        ? "queued for daemon processing on the next runtime tick" : "queued for daemon processing",
                        envelope.commandId(), paths.mailboxIncomingDir().toString(), null);
            }
            DirectControl direct = new DirectControl(paths, files, clock, () -> ids.hex(16));
            RuntimeSnapshot before = direct.snapshot();
            MailboxCommandEnvelope envelope = new MailboxCommandEnvelope(command.wireName() + "-direct-" + ids.hex(8),
                    command, clock.instant(), issuer, payload);
            Map<String, Object> result;
            try {
                result = direct.apply(envelope);
            } catch (MillraceException e) {
                return new ControlResult(action, "direct", false, e.detail(), null, null, null);
            } catch (Exception e) {
                throw new MillraceException(ErrorCode.RUNTIME_STATE, "unable to apply " + action + ": " + e.getMessage(), e);
            }
            return directResult(action, command, before, direct, lock, result, detail);
        }
    }

    private ControlResult directResult(String action, MailboxCommand command, RuntimeSnapshot before,
            DirectControl direct, OwnershipLock lock, Map<String, Object> result, String detail) {
        switch (command) {
            case PAUSE:
                return new ControlResult(action, "direct", !before.paused(), detail, null, null, null);
            case RESUME:
                return new ControlResult(action, "direct", before.paused() && !direct.snapshot().paused(),
                        direct.snapshot().paused() ? "runtime resume blocked by usage governance" : detail,
                        null, null, null);
            case STOP:
                // Nothing runs: there is nothing to stop but a stale flag. Active items stay resumable.
                RuntimeSnapshot after = direct.snapshot();
                direct.saveSnapshot(after.toBuilder().stopRequested(false).processRunning(false)
                        .updatedAt(clock.instant()).build());
                return new ControlResult(action, "direct", before.processRunning() || !before.stopRequested(), detail,
                        null, null, null);
            case RELOAD_CONFIG:
                return new ControlResult(action, "direct", false, detail, null, null, null);
            case CLEAR_STALE_STATE:
                ClearStaleOutcome lockOutcome = lock.clearStale();
                return new ControlResult(action, "direct", true, "cleared stale runtime state; requeued="
                        + result.get("requeued") + "; runtime_ownership_lock=" + lockOutcome.wireName(), null, null, null);
            case RETRY_ACTIVE:
                return new ControlResult(action, "direct", Boolean.TRUE.equals(result.get("applied")),
                        String.valueOf(result.get("detail")), null, null, null);
            default:
                Object artifact = result.getOrDefault("idea", result.get("enqueued"));
                return new ControlResult(action, "direct", true, detail, null, null,
                        artifact == null ? null : String.valueOf(artifact));
        }
    }

}
