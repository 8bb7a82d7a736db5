package ai.millrace.core;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.MailboxCommand;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.core.document.WorkDocumentJson;
import ai.millrace.core.internal.engine.Daemon;
import ai.millrace.core.internal.engine.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Millrace runtime over one workspace, built by {@link Millrace#builder()}.
 *
 * <p>Use it serially ({@link #tick()}, {@link #runUntilIdle()}) or as a daemon ({@link #start()},
 * {@link #stop()}, {@link #awaitTermination(Duration)}); not both at once. The serial methods are
 * not thread-safe: call them from one thread. The control methods ({@link #pause()},
 * {@link #addTask(TaskDocument)}, ...) are thread-safe: they write a command to the workspace
 * mailbox, which the runtime applies at its next tick, exactly once and in the order issued.
 * Nothing here prints; the runtime logs through SLF4J and reports through
 * {@link ai.millrace.api.spi.RuntimeListener}s. Close it to release the workspace.
 */
public final class MillraceRuntime implements AutoCloseable {
    private final Engine engine;
    private final Path workspace;
    private Daemon daemon;

    MillraceRuntime(Engine engine, Path workspace) {
        this.engine = engine;
        this.workspace = workspace;
    }

    /**
     * Starts the session: takes ownership of the workspace, recovers from any crash, compiles the
     * plan and settles stages that were running when a previous process died. Called by the
     * other methods when needed; idempotent.
     *
     * @throws MillraceException when the workspace is not initialized or owned by another process,
     *     the plan does not compile, or a needed runner is missing
     */
    public synchronized void startup() {
        engine.startup();
    }

    /**
     * Runs one tick: applies mailbox commands, then runs at most one stage.
     *
     * @return what the tick did
     * @throws MillraceException with {@link ErrorCode#RUNTIME_STATE} while the daemon runs
     */
    public synchronized TickResult tick() {
        requireNoDaemon();
        return engine.tick();
    }

    /**
     * Ticks until there is nothing to do, the runtime is paused, or a stop is requested.
     *
     * @return the number of stages run and why it stopped
     */
    public synchronized RunSummary runUntilIdle() {
        requireNoDaemon();
        int stages = 0;
        while (true) {
            TickResult result = engine.tick();
            if (!result.ranStage()) {
                if (result.reason().equals("stage_result_discarded")) {
                    continue;
                }
                return new RunSummary(stages, result.reason());
            }
            stages++;
        }
    }

    /**
     * Starts the daemon supervisor on its own thread.
     */
    public synchronized void start() {
        if (daemon == null || daemon.isTerminated()) {
            daemon = new Daemon(engine, Duration.ofMillis(Math.round(
                    engine.settings().config().runtime().idleSleepSeconds() * 1000)));
            daemon.start();
        }
    }

    /**
     * Asks the daemon to stop once the stages in flight finish. Active work items keep their
     * pending stage and resume there at the next start.
     */
    public synchronized void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    /**
     * Waits for the daemon to end.
     *
     * @param timeout how long to wait
     * @return true when it ended (or never ran)
     * @throws InterruptedException when interrupted while waiting
     * @throws MillraceException the error that ended the daemon, if one did
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Daemon d;
        synchronized (this) {
            d = daemon;
        }
        if (d == null) {
            return true;
        }
        boolean ended = d.awaitTermination(timeout);
        if (ended && d.failure() != null) {
            throw d.failure();
        }
        return ended;
    }

    /**
     * Returns the snapshot as the runtime last wrote it.
     *
     * @return the snapshot, or null before start-up
     */
    public RuntimeSnapshot snapshot() {
        return engine.snapshot();
    }

    /**
     * Returns the compiled plan in use.
     *
     * @return the plan, or null before start-up
     */
    public CompiledRunPlan plan() {
        return engine.plan();
    }

    /**
     * Returns the workspace root.
     *
     * @return the workspace
     */
    public Path workspace() {
        return workspace;
    }

    /** Pauses dispatching new stages (the operator pause source). */
    public void pause() {
        submit(MailboxCommand.PAUSE, Map.of());
    }

    /** Clears the operator pause; a usage-governance pause stays until its window frees up. */
    public void resume() {
        submit(MailboxCommand.RESUME, Map.of());
    }

    /** Requests a stop at the next tick; active items resume at their pending stage next time. */
    public void requestStop() {
        submit(MailboxCommand.STOP, Map.of());
    }

    /**
     * Requeues the active work item of a plane (or of the only active plane).
     *
     * @param plane the plane, or null for the only active one
     */
    public void retryActive(Plane plane) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", "operator retry");
        if (plane != null) {
            payload.put("scope", plane.wireName());
        }
        submit(MailboxCommand.RETRY_ACTIVE, payload);
    }

    /** Requeues every active work file and resets the runtime to idle. */
    public void clearStaleState() {
        submit(MailboxCommand.CLEAR_STALE_STATE, Map.of("reason", "operator clear-stale-state"));
    }

    /** Recompiles from the current configuration once no plane is active; a failure keeps the plan. */
    public void reloadConfig() {
        submit(MailboxCommand.RELOAD_CONFIG, Map.of());
    }

    /**
     * Queues a task.
     *
     * @param task the task
     */
    public void addTask(TaskDocument task) {
        submit(MailboxCommand.ADD_TASK, Map.of("document", WorkDocumentJson.toMap(task)));
    }

    /**
     * Queues a spec.
     *
     * @param spec the spec
     */
    public void addSpec(SpecDocument spec) {
        submit(MailboxCommand.ADD_SPEC, Map.of("document", WorkDocumentJson.toMap(spec)));
    }

    /**
     * Drops an idea into {@code ideas/inbox/}.
     *
     * @param sourceName the file name, {@code <safe id>.md}
     * @param markdown the idea text
     */
    public void addIdea(String sourceName, String markdown) {
        submit(MailboxCommand.ADD_IDEA, Map.of("source_name", sourceName, "markdown", markdown));
    }

    private void submit(MailboxCommand command, Map<String, Object> payload) {
        engine.controlMailbox().submit(command, payload, "embedded");
        Daemon d;
        synchronized (this) {
            d = daemon;
        }
        if (d != null) {
            d.wake();
        }
    }


    private void requireNoDaemon() {
        if (daemon != null && !daemon.isTerminated()) {
            throw new MillraceException(ErrorCode.RUNTIME_STATE,
                    "the daemon is running; stop it before calling tick() or runUntilIdle()");
        }
    }

    /**
     * Stops the daemon (interrupting stages still in flight, which the next start settles as
     * unknown outcomes), marks the runtime stopped and releases the workspace.
     */
    @Override
    public void close() {
        Daemon d;
        synchronized (this) {
            d = daemon;
        }
        if (d != null) {
            d.stop();
            try {
                if (!d.awaitTermination(Duration.ofSeconds(30))) {
                    d.abort();
                    d.awaitTermination(Duration.ofSeconds(30));
                }
            } catch (InterruptedException e) {
                d.abort();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            engine.close();
        }
    }
}
