package ai.millrace.core.internal.engine;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.asset.GraphLoopEntryKey;
import ai.millrace.api.plan.CompiledEntry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeErrorCode;
import ai.millrace.api.state.RuntimeErrorContext;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.compiler.CompileOutcome;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.CompiledPlanStore;
import ai.millrace.compiler.PlanCompiler;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.TickResult;
import ai.millrace.core.config.ConfigLoader;
import ai.millrace.core.internal.control.ControlFileLock;
import ai.millrace.core.internal.control.DrainReport;
import ai.millrace.core.internal.control.Mailbox;
import ai.millrace.core.internal.control.OwnershipLease;
import ai.millrace.core.internal.control.OwnershipLock;
import ai.millrace.core.internal.journal.DeleteWorkspaceFile;
import ai.millrace.core.internal.journal.StartupRecovery;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.TransitionContext;
import ai.millrace.core.internal.journal.TransitionRunner;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.internal.queue.ClaimOrder;
import ai.millrace.core.internal.queue.ClaimedDocument;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.RuntimeEventLog;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runtime session over one workspace: start-up, claiming and activation, dispatch of a stage
 * to its runner, normalization, routing and the journaled application of the result.
 *
 * <p>State mutation happens on one thread at a time (the caller of {@link #tick()}, or the daemon
 * supervisor); {@link #runStage} is the only part that may run on a worker thread, and it touches
 * no state. Every durable change is one journaled transition.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration LOCK_LEASE = Duration.ofMinutes(2);
    // A quarter of the lease: an owner on another host is stale only after a whole lease of silence.
    private static final Duration LOCK_HEARTBEAT = LOCK_LEASE.dividedBy(4);
    /** How long a serial stage runs before its running state is published. */
    static final Duration RUNNING_STATE_PUBLISH_DELAY = Duration.ofMillis(50);

    private final EngineSettings settings;
    private final WorkspacePaths paths;
    private final GraphRouter router = new GraphRouter();
    private final ResultNormalizer normalizer = new ResultNormalizer();

    private QueueStore queues;
    private StateStore state;
    private TransitionRunner transitions;
    private RuntimeEvents events;
    private OwnershipLock lock;
    private OwnershipLease lease;
    private OwnershipHeartbeat heartbeat;
    private Mailbox mailbox;
    private CompiledRunPlan plan;
    private RunnerRegistry runners;
    private StageRequestFactory requests;
    private ResultApplier applier;
    private ControlCommands control;

    private RuntimeSnapshot snapshot;
    // One daemon thread for the runtime's timed work: deferred publications and heartbeats.
    private ScheduledExecutorService timer;
    private StatePublication publication;
    private PendingClaim pendingClaim;
    private PreparedDispatch prepared;
    private RecoveryCounters counters;
    private boolean started;
    private boolean reloadPending;
    private ai.millrace.api.config.MillraceConfig config;
    private String session;
    private ai.millrace.core.internal.closure.ClosureCoordinator closure;
    private ai.millrace.core.internal.intake.IdeaIntake intake;
    private ai.millrace.core.internal.learning.CuratorPromotion promotion;
    private ai.millrace.core.governance.UsageGovernor governor;

    /**
     * Creates an engine; nothing is touched until {@link #startup()}.
     *
     * @param settings what the runtime was built with
     */
    public Engine(EngineSettings settings) {
        this.settings = settings;
        this.paths = settings.paths();
    }

    /**
     * Starts the session: takes ownership of the workspace, recovers from any crash, compiles (or
     * reuses) the plan, settles stages that were running when the last process died, and marks
     * the runtime running. Idempotent.
     *
     * @throws MillraceException when the workspace is not initialized or is owned by another
     *     process, the plan does not compile, or a runner the plan needs is missing
     */
    public void startup() {
        if (started) {
            return;
        }
        WorkspaceInitializer.requireInitialized(paths.workspaceRoot());
        // Stores write without fsync; the journal's forced intent record protects every change
        // until the next checkpoint forces the files (a redo log: two syncs per stage, not twenty).
        AtomicFiles stepFiles = settings.files().isDurable() ? AtomicFiles.NO_FSYNC : settings.files();
        queues = QueueStore.open(paths, DocumentCodec.standard(), stepFiles, settings.clock());
        // State files are held and published by StatePublication (see StateStore.deferred).
        state = StateStore.deferred(paths, stepFiles);
        transitions = new TransitionRunner(new TransitionContext(paths, queues, state, settings.files()),
                settings.clock(), () -> settings.ids().hex(16));
        lock = new OwnershipLock(paths, settings.files(), settings.clock(), LOCK_LEASE);
        // Events are diagnostics, not state (the journal and snapshot are): appending them without a
        // forced write keeps fsyncs off the idle path and three per stage off the stage path; a
        // torn tail after a power cut is repaired when the log is opened.
        RuntimeEventLog log = RuntimeEventLog.open(paths.runtimeEventsFile(), settings.eventLogMaxBytes(),
                AtomicFiles.NO_FSYNC, settings.clock());
        List<RuntimeListener> listeners = new ArrayList<>(settings.listeners());
        listeners.addAll(settings.plugins().listeners());
        events = new RuntimeEvents(log, listeners, settings.clock());
        controlMailbox();
        config = settings.config();
        session = settings.ids().hex(32);
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            lease = lock.acquire(session);
            heartbeat = new OwnershipHeartbeat(lock, lease, settings.clock(), LOCK_HEARTBEAT);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-runtime-timer");
            t.setDaemon(true);
            return t;
        });
        publication = new StatePublication(state, settings.statePublishInterval(), timer);
        try {
            events.emit("runtime_daemon_lock_acquired", "session_id", session);
            StartupRecovery.recover(transitions, settings.clock()).repairs()
                    .forEach(r -> LOG.info("start-up repair: {}", r));
            compile();
            closure = new ai.millrace.core.internal.closure.ClosureCoordinator(queues, settings.clock(), settings.ids());
            intake = new ai.millrace.core.internal.intake.IdeaIntake(queues, settings.clock());
            promotion = new ai.millrace.core.internal.learning.CuratorPromotion(paths);
            governor = ai.millrace.core.governance.UsageGovernor.builder(paths,
                    ai.millrace.core.governance.UsageLedger.open(paths.usageGovernanceLedgerFile(), settings.files(),
                            settings.clock()))
                    .config(config.usageGovernance()).clock(settings.clock()).files(settings.files()).build();
            requests = new StageRequestFactory(paths);
            applier = new ResultApplier(paths, queues, settings.clock(), settings.ids());
            control = new ControlCommands(new EngineControlContext());
            snapshot = state.loadSnapshot().orElseThrow(() -> new MillraceException(ErrorCode.WORKSPACE_INVALID,
                    paths.snapshotFile() + " is missing; run `millrace init` to repair the workspace"));
            counters = state.loadCounters();
            settleInterruptedDispatches();
            releaseRunsThePlanCannotRun();
            Instant now = settings.clock().instant();
            snapshot = Snapshots.withQueueDepths(snapshot.toBuilder()
                    .runtimeMode(config.runtime().runStyle())
                    .processRunning(true)
                    .activeModeId(plan.modeId())
                    .executionLoopId(plan.executionLoopId())
                    .planningLoopId(plan.planningLoopId())
                    .learningLoopId(plan.learningLoopId())
                    .loopIdsByPlane(plan.loopIdsByPlane())
                    .compiledPlanId(plan.compiledPlanId())
                    .configVersion(plan.compileInputFingerprint().configFingerprint())
                    .lastReloadOutcome(null)
                    .lastReloadError(null)
                    .startedAt(now)
                    .updatedAt(now)
                    .build(), queues.planeDepth(Plane.EXECUTION), queues.planeDepth(Plane.PLANNING),
                    queues.planeDepth(Plane.LEARNING));
            saveSnapshot(snapshot);
            publishNow();
            started = true;
            // Ticks refresh the lock's heartbeat when due; this covers a runtime left idle.
            timer.scheduleAtFixedRate(heartbeat::beatQuietly, LOCK_HEARTBEAT.toMillis(), LOCK_HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            events.emit("runtime_started", "mode_id", plan.modeId(), "compiled_plan_id", plan.compiledPlanId(),
                    "process_running", true);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            transitions.close();
            events.close();
            lock.release(session);
            throw e;
        }
    }

    private void compile() {
        PlanCompiler compiler = PlanCompiler.builder().workspaceRoot(paths.workspaceRoot())
                .assetsRoot(paths.runtimeRoot()).config(config).plugins(settings.plugins())
                .clock(settings.clock()).build();
        CompileOutcome outcome = new CompiledPlanStore(paths.workspaceRoot())
                .compileAndPersist(compiler, settings.modeOverride(), true, true);
        if (outcome.activePlan() == null) {
            throw new MillraceException(ErrorCode.COMPILE_FAILED, "cannot start: "
                    + String.join(", ", outcome.diagnostics().errors())
                    + "; fix the assets or millrace.toml, then check with `millrace compile validate`");
        }
        CompiledRunPlan compiled = outcome.activePlan();
        RunnerRegistry candidate = new RunnerRegistry(settings.allStages(), settings.runners(),
                settings.plugins().runnerProvidersById(settings.runners().keySet()),
                id -> new RunnerContext(id, paths.workspaceRoot(), config, settings.clock()),
                config.runners().defaultRunner());
        candidate.requireAll(compiled);
        if (runners != null) {
            runners.close();
        }
        runners = candidate;
        plan = compiled;
    }

    /**
     * Runs one serial tick: drain the mailbox, honour stop and pause, then run at most one stage
     * (the pending stage of an active run, else the first stage of a newly claimed item).
     *
     * @return what happened
     */
    public TickResult tick() {
        startup();
        TickResult result;
        PreparedDispatch carried = prepared; // the stage the last tick's result led to
        try {
            result = tickOnce();
            withdrawIfNotStarted(carried);
        } catch (RuntimeException e) {
            try {
                withdrawIfNotStarted(carried);
                publishNow();
            } catch (RuntimeException p) {
                e.addSuppressed(p);
            }
            throw e;
        }
        if (result.ranStage()) {
            publishState();
        } else {
            publishNow();
            transitions.checkpointIfDirty(); // idle: force what the stages wrote, empty the journal
        }
        return result;
    }

    private TickResult tickOnce() {
        heartbeat.beatIfDue();
        heartbeat.requireOwned();
        drainMailbox();
        if (snapshot.stopRequested()) {
            return stopped();
        }
        governanceGate();
        if (snapshot.paused()) {
            events.emit("runtime_tick_paused", "pause_sources", wireNames());
            return TickResult.idle("paused");
        }
        applyPendingReload();
        pollIdeas();
        ActiveRunState run = firstActiveRun();
        if (run == null) {
            run = claimNext();
        }
        if (run == null) {
            events.emit("runtime_tick_idle", "reason", "no_work");
            return TickResult.idle("no_work");
        }
        Dispatch dispatch = dispatch(run.plane());
        Completion completion;
        // A stage that answers at once never has its running state written; one that takes longer
        // has it published while it runs, for operators and for the harness that reads it.
        ScheduledFuture<?> running = publication.after(RUNNING_STATE_PUBLISH_DELAY);
        try {
            completion = runStage(dispatch);
        } finally {
            running.cancel(false);
        }
        return complete(completion);
    }

    /**
     * Has the state files the ticks changed (snapshot, counters, status markers, dispatch
     * records, stage results) published on the runtime's timer once the publication interval has
     * passed since the last publication; with a zero interval publishes them now. The daemon calls
     * it before it waits.
     */
    public void publishState() {
        publication.whenDue();
    }

    /** Publishes the state files now, whatever the interval. */
    public void publishNow() {
        publication.now();
    }

    /**
     * Checkpoints the journal when anything was written since the last checkpoint: forces the
     * files and empties the journal. The daemon calls it when it goes idle.
     */
    public void checkpointIfDirty() {
        transitions.checkpointIfDirty();
    }

    /**
     * Fails when another runtime has taken the workspace over: this one must not write to it.
     *
     * @throws MillraceException WORKSPACE_LOCKED naming the new owner
     */
    public void requireOwnership() {
        heartbeat.requireOwned();
    }

    /**
     * Returns whether a stop has been requested (and not yet acted on).
     *
     * @return true when the runtime should stop
     */
    public boolean stopRequested() {
        return snapshot != null && snapshot.stopRequested();
    }

    // ---- claiming and activation ------------------------------------------------------------

    /**
     * Claims the next work item for a plane and activates it at its entry node.
     *
     * @param plane the plane
     * @return the new active run, or null when the plane has nothing claimable
     */
    ActiveRunState claim(Plane plane) {
        if (prepared != null && prepared.claim() != null) {
            if (prepared.stillValid(snapshot, plan, queues.version())) {
                // The claim the last result worked out: the queue is unchanged, so no plane before
                // its own has anything to claim.
                return prepared.plane() == plane ? prepared.claim().run() : null;
            }
            withdrawPrepared();
        }
        ai.millrace.core.internal.closure.ClaimScope scope = closure.claimScope();
        if (plan.graph(plane) == null) {
            return null; // A plane the plan lacks never claims: its requests wait, they do not crash.
        }
        Optional<ClaimedDocument> candidate = queues.nextCandidate(plane, scope.rootFilter(plane));
        ClaimPlan c = candidate.isEmpty() ? null : planClaim(plane, snapshot, candidate.get(), true);
        if (c == null) {
            return null;
        }
        pendingClaim = new PendingClaim(plane, c, snapshot);
        snapshot = c.next();
        return c.run();
    }

    /**
     * Works out the claim of a plane's next work item (found by the caller) and its activation
     * at the entry node, changing nothing. Specs are claimed only when {@code specs} is true
     * (their claim consults the closure and may be refused, with events).
     */
    private ClaimPlan planClaim(Plane plane, RuntimeSnapshot from, ClaimedDocument doc, boolean specs) {
        FrozenGraphPlanePlan graph = plan.graph(plane);
        List<ai.millrace.core.internal.journal.TransitionStep> opening = List.of();
        List<ai.millrace.api.state.RuntimeEvent> openingEvents = List.of();
        if (doc.document() instanceof ai.millrace.api.work.SpecDocument) {
            if (!specs) {
                return null;
            }
            ai.millrace.core.internal.closure.SpecClaimDecision d =
                    closure.onSpecClaim((ai.millrace.api.work.SpecDocument) doc.document());
            if (!d.allowed()) {
                d.events().forEach(events::emit);
                return null;
            }
            opening = d.steps();
            openingEvents = d.events();
        }
        MaterializedGraphNodePlan entry = entryNode(graph, doc);
        Instant now = settings.clock().instant();
        ActiveRunState run = ActiveRunState.builder().plane(plane).stage(StageId.of(entry.stageKindId()))
                .nodeId(entry.nodeId()).stageKindId(entry.stageKindId()).runId("run-" + settings.ids().hex(32))
                .requestKind(doc.kind() == WorkItemKind.LEARNING_REQUEST ? RequestKind.LEARNING_REQUEST
                        : RequestKind.ACTIVE_WORK_ITEM)
                .workItemKind(doc.kind()).workItemId(doc.id()).activeSince(now).build();
        Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(from.activeRunsByPlane());
        runs.put(plane, run);
        RuntimeSnapshot next = Snapshots.withActiveRuns(from.toBuilder().currentFailureClass(null)
                .troubleshootAttemptCount(0).mechanicAttemptCount(0).fixCycleCount(0).consultantInvocations(0)
                .updatedAt(now).build(), runs);
        next = withDepths(next, plane, -1);
        Transition.Builder activation = Transition.named("activate_" + plane.wireName());
        opening.forEach(activation::step);
        activation.move(doc.kind(), doc.id(), ai.millrace.core.workspace.QueueState.QUEUED,
                ai.millrace.core.workspace.QueueState.ACTIVE);
        // A claim is always followed by the dispatch of its first stage: both go to the journal
        // as one intent, one forced write instead of two (see dispatch).
        List<Runnable> claimEvents = new ArrayList<>();
        openingEvents.forEach(e -> claimEvents.add(() -> events.emit(e)));
        claimEvents.add(() -> events.emit("work_item_claimed", "plane", plane.wireName(), "work_item_kind",
                doc.kind().wireName(), "work_item_id", doc.id(), "run_id", run.runId(), "node_id", entry.nodeId()));
        return new ClaimPlan(run, activation.build().steps(), claimEvents, next);
    }

    /** The next item's claim and first dispatch, worked out when the last result ended its run. */
    private record ClaimAhead(ClaimPlan claim, PlannedDispatch dispatch) {
    }

    /**
     * Works out, when a result ends its run, the claim the next tick would make and the dispatch of
     * its first stage, so they are journaled with the result: one forced write for the result, the
     * claim and the dispatch. Only the plain case: nothing else active or waiting, no closure
     * scope, no spec (its claim consults the closure), and a result that changes no queue but
     * moving its own item to a folder no queued item waits on (else the next claim could differ).
     */
    private ClaimAhead planClaimAhead(ResultApplier.Applied applied, ActiveRunState ended) {
        RuntimeSnapshot after = applied.snapshot();
        if (!after.activeRunsByPlane().isEmpty() || after.stopRequested() || after.paused() || reloadPending
                || pendingClaim != null || plan.learningGraph() != null || ended.workItemKind() == null
                || queues.hasDependents(ended.workItemKind(), ended.workItemId())) {
            return null;
        }
        for (ai.millrace.core.internal.journal.TransitionStep step : applied.transition().steps()) {
            if (!(step instanceof ai.millrace.core.internal.journal.WriteWorkspaceFile
                    || step instanceof ai.millrace.core.internal.journal.DeleteWorkspaceFile
                    || step instanceof ai.millrace.core.internal.journal.WriteSnapshot
                    || step instanceof ai.millrace.core.internal.journal.WriteCounters
                    || step instanceof ai.millrace.core.internal.journal.ResetCounters
                    || step instanceof ai.millrace.core.internal.journal.WriteStatusMarker
                    || step instanceof ai.millrace.core.internal.journal.MoveDocument m
                            && m.id().equals(ended.workItemId()) && m.workItemKind() == ended.workItemKind())) {
                return null;
            }
        }
        ai.millrace.core.internal.closure.ClaimScope scope = closure.claimScope();
        if (scope.openRootSpecId() != null || !scope.events().isEmpty()) {
            return null;
        }
        for (Plane plane : scope.order()) {
            if (plan.graph(plane) == null) {
                continue;
            }
            Optional<ClaimedDocument> candidate = queues.nextCandidate(plane, scope.rootFilter(plane),
                    ended.workItemKind(), ended.workItemId());
            if (candidate.isEmpty()) {
                continue;
            }
            ClaimPlan claim = planClaim(plane, after, candidate.get(), false);
            return claim == null ? null : new ClaimAhead(claim, planDispatch(plane, claim.next()));
        }
        return null;
    }

    private ActiveRunState claimNext() {
        ai.millrace.core.internal.closure.ClaimScope scope = closure.claimScope();
        scope.events().forEach(events::emit);
        for (Plane plane : scope.order()) {
            ActiveRunState run = claim(plane);
            if (run != null) {
                return run;
            }
        }
        if (rescanQueues()) {
            // Files dropped in from outside since the last scan; try once more.
            for (Plane plane : scope.order()) {
                ActiveRunState run = claim(plane);
                if (run != null) {
                    return run;
                }
            }
        }
        return activateCompletion();
    }

    /**
     * Activates the arbiter over the open closure target when its lineage has drained (the
     * compiled completion behaviour), or records why it is not ready.
     *
     * @return the arbiter's active run, or null when closure is not due
     */
    ActiveRunState activateCompletion() {
        FrozenGraphPlanePlan planning = plan.graph(Plane.PLANNING);
        if (planning == null || planning.compiledCompletionEntry() == null
                || snapshot.activeRun(Plane.PLANNING) != null) {
            return null;
        }
        ai.millrace.core.internal.closure.CompletionDecision c = closure.completionCandidate(plan, snapshot);
        Transition.Builder tx = Transition.named("closure_readiness");
        c.steps().forEach(tx::step);
        RuntimeSnapshot next = snapshot;
        if (c.activate()) {
            Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(snapshot.activeRunsByPlane());
            runs.put(Plane.PLANNING, c.activation());
            next = Snapshots.withActiveRuns(snapshot.toBuilder().currentFailureClass(null)
                    .updatedAt(settings.clock().instant()).build(), runs);
        } else if (c.completionBlockedFailureClass() != null) {
            next = Snapshots.withStatusMarker(snapshot.toBuilder()
                    .currentFailureClass(c.completionBlockedFailureClass()).updatedAt(settings.clock().instant()).build(),
                    Plane.PLANNING, "### BLOCKED");
            tx.statusMarker(Plane.PLANNING, "### BLOCKED");
        }
        if (next != snapshot || !c.steps().isEmpty()) {
            transitions.run(tx.snapshot(next).build());
            snapshot = next;
        }
        c.events().forEach(events::emit);
        return c.activate() ? c.activation() : null;
    }

    // Ideas dropped into ideas/inbox become root specs, committed in one transition.
    private void pollIdeas() {
        ai.millrace.core.internal.intake.IdeaIntake.Poll poll = intake.poll();
        if (!poll.steps().isEmpty()) {
            Transition.Builder tx = Transition.named("idea_intake");
            poll.steps().forEach(tx::step);
            try {
                transitions.run(tx.build());
            } catch (RuntimeException e) {
                intake.reset();
                LOG.warn("idea intake failed: {}", e.toString());
                return;
            }
        }
        poll.events().forEach(events::emit);
    }

    // Usage governance adds or clears its own pause source; an operator resume never touches it.
    private void governanceGate() {
        ai.millrace.core.governance.GovernanceDecision g = governor.evaluate(snapshot, session);
        RuntimeSnapshot next = g.applyTo(snapshot);
        if (next.pauseSources().equals(snapshot.pauseSources())) {
            return;
        }
        saveSnapshot(next);
        snapshot = next;
        if (g.paused()) {
            g.blockers().forEach(b -> events.emit("usage_governance_blocked", "blocker",
                    MillraceJson.mapper().convertValue(b, Map.class)));
        } else {
            events.emit("usage_governance_resumed", "cleared_rules", g.clearedRuleIds());
        }
    }

    private MaterializedGraphNodePlan entryNode(FrozenGraphPlanePlan graph, ClaimedDocument doc) {
        if (doc.document() instanceof LearningRequestDocument) {
            StageId target = ((LearningRequestDocument) doc.document()).targetStage();
            if (target != null) {
                for (MaterializedGraphNodePlan n : graph.nodes()) {
                    if (n.stageKindId().equals(target.value())) {
                        return n;
                    }
                }
            }
        }
        GraphLoopEntryKey key = GraphLoopEntryKey.of(doc.kind().wireName());
        for (CompiledEntry e : graph.compiledEntries()) {
            if (e.entryKey() == key) {
                return node(graph, e.nodeId());
            }
        }
        throw new MillraceException(ErrorCode.COMPILE_FAILED,
                "compiled " + graph.plane() + " graph " + graph.loopId() + " has no entry for " + key);
    }

    // ---- dispatch -------------------------------------------------------------------------------

    /** A claim's activation steps and events, journaled with the dispatch that follows it. */
    private record PendingClaim(Plane plane, ClaimPlan claim, RuntimeSnapshot before) {
    }

    /** A stage handed to a runner: the request, the runner and the run it belongs to. */
    record Dispatch(ActiveRunState run, StageRunRequest request, StageRunner runner, Instant dispatchedAt) {
    }

    /** What came back from a runner (or what was synthesized when it threw). */
    record Completion(Dispatch dispatch, RunnerRawResult raw) {
    }

    /**
     * Records the dispatch of a plane's pending stage durably (dispatch record and running
     * marker in one transition) and returns what the worker needs to run it.
     *
     * @param plane the plane with an active run
     * @return the dispatch
     */
    Dispatch dispatch(Plane plane) {
        if (prepared != null) {
            PreparedDispatch p = prepared;
            prepared = null;
            if (p.plane() == plane && p.stillValid(snapshot, plan, queues.version())) {
                transitions.applyHeld(); // journaled and forced with the result before it
                snapshot = p.next();
                if (p.claim() != null) {
                    p.claim().events().forEach(Runnable::run);
                }
                return started(p.dispatch());
            }
            withdraw(p);
        }
        PlannedDispatch planned = planDispatch(plane, snapshot);
        PendingClaim claim = pendingClaim != null && pendingClaim.plane() == plane ? pendingClaim : null;
        Transition.Builder tx = Transition.named((claim != null ? "activate_dispatch_" : "dispatch_") + plane.wireName());
        if (claim != null) {
            claim.claim().steps().forEach(tx::step);
        }
        planned.steps().forEach(tx::step);
        try {
            transitions.run(tx.build());
        } catch (RuntimeException e) {
            if (claim != null) { // the claim failed with it: no run without its document
                pendingClaim = null;
                snapshot = claim.before();
            }
            throw e;
        }
        snapshot = planned.next();
        if (claim != null) {
            pendingClaim = null;
            claim.claim().events().forEach(Runnable::run);
        }
        return started(planned.dispatch());
    }

    /** The steps and state of a dispatch worked out ahead of its transition. */
    private record PlannedDispatch(Dispatch dispatch, RuntimeSnapshot next,
            List<ai.millrace.core.internal.journal.TransitionStep> steps) {
    }

    /**
     * The next stage of a run, journaled with the result before it but not started yet; it is
     * started by the next {@link #dispatch} of its plane if nothing changed meanwhile, else
     * withdrawn.
     */
    private record PreparedDispatch(Plane plane, Dispatch dispatch, RuntimeSnapshot base, RuntimeSnapshot next,
            CompiledRunPlan plan, ClaimPlan claim, long queueVersion) {
        // A claim ahead is good while the queue is as it was: a task added or moved meanwhile
        // may come first now.
        boolean stillValid(RuntimeSnapshot current, CompiledRunPlan currentPlan, long currentQueueVersion) {
            return base == current && plan == currentPlan && (claim == null || queueVersion == currentQueueVersion);
        }
    }

    /** A claim worked out without touching the runtime's state: its run, steps, events and snapshot. */
    private record ClaimPlan(ActiveRunState run, List<ai.millrace.core.internal.journal.TransitionStep> steps,
            List<Runnable> events, RuntimeSnapshot next) {
    }

    // The dispatch record, the running marker and the snapshot that says the stage is running.
    private PlannedDispatch planDispatch(Plane plane, RuntimeSnapshot from) {
        ActiveRunState run = from.activeRun(plane);
        MaterializedGraphNodePlan node = node(plan.graph(plane), run.nodeId());
        StageRunRequest request = requests.build(plan, node, run, "request-" + settings.ids().hex(32),
                run.requestKind() == RequestKind.CLOSURE_TARGET ? closure.openTarget().orElse(null) : null,
                matchingErrorContext(run));
        Instant now = settings.clock().instant();
        String running = "### " + node.runningStatusMarker();
        Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(from.activeRunsByPlane());
        runs.put(plane, run.toBuilder().runningStatusMarker(node.runningStatusMarker()).build());
        RuntimeSnapshot next = Snapshots.withStatusMarker(
                Snapshots.withActiveRuns(from.toBuilder().updatedAt(now).build(), runs), plane, running);
        Transition.Builder steps = Transition.named("dispatch");
        steps.step(WriteWorkspaceFile.of(paths, paths.dispatchFile(plane),
                MillraceJson.write(new DispatchRecord(request, now))));
        ai.millrace.core.internal.learning.SkillRevisionEvidence.step(paths, request, now).ifPresent(steps::step);
        steps.statusMarker(plane, running).snapshot(next);
        return new PlannedDispatch(new Dispatch(runs.get(plane), request, runners.runnerFor(node),
                now), next, steps.build().steps());
    }

    private Dispatch started(Dispatch dispatch) {
        StageRunRequest request = dispatch.request();
        ActiveRunState run = dispatch.run();
        events.emit("stage_started", "request_id", request.requestId(), "plane", request.plane().wireName(),
                "stage", request.stage().value(), "node_id", request.nodeId(), "stage_kind_id", request.stageKindId(),
                "run_id", request.runId(), "work_item_kind", run.workItemKind() == null ? null
                        : run.workItemKind().wireName(), "work_item_id", run.workItemId());
        return dispatch;
    }

    /**
     * Plans the next stage of a run that continues on its plane, so it is journaled with the
     * result that leads to it: one forced write per stage instead of two. Only the plain case:
     * the run is the only one active, nothing waits (stop, pause, reload), and the stage needs no
     * state the result transition is about to change (repair context, closure target, skill
     * evidence).
     */
    private PlannedDispatch planNext(RuntimeSnapshot after, Plane plane, String runId) {
        ActiveRunState run = after.activeRun(plane);
        if (run == null || !run.runId().equals(runId) || after.activeRunsByPlane().size() != 1
                || after.stopRequested() || after.paused() || reloadPending || pendingClaim != null
                || run.requestKind() == RequestKind.CLOSURE_TARGET || plan.learningGraph() != null
                || run.stageKindId().equals("troubleshooter") || run.stageKindId().equals("mechanic")) {
            return null;
        }
        return planDispatch(plane, after);
    }

    // Working out the next stage or claim ahead is an optimization: if it fails, the result is
    // applied alone and the next tick dispatches or claims as usual, failing there if it must.
    private static <T> T planAhead(java.util.function.Supplier<T> plan) {
        try {
            return plan.get();
        } catch (RuntimeException e) {
            LOG.debug("not working out the next stage ahead: {}", e.toString());
            return null;
        }
    }

    /**
     * Journals that a prepared stage will not start: its dispatch record goes, the plane's
     * marker and the snapshot are what they are now. A replay applies the prepared steps and
     * then this, so the run resumes at the stage, never treated as one that died while running.
     */
    private void withdraw(PreparedDispatch p) {
        transitions.dropHeld();
        Transition.Builder tx = Transition.named((p.claim() != null ? "withdraw_claim_" : "withdraw_dispatch_")
                + p.plane().wireName());
        if (p.claim() != null) {
            tx.step(new ai.millrace.core.internal.journal.ReturnClaimedDocument(p.claim().run().workItemKind(),
                    p.claim().run().workItemId()));
        }
        tx.step(ai.millrace.core.internal.journal.DeleteWorkspaceFile.of(paths,
                paths.dispatchFile(p.plane())));
        String marker = snapshot.statusMarkersByPlane().get(p.plane());
        if (marker != null) {
            tx.statusMarker(p.plane(), marker);
        }
        transitions.run(tx.snapshot(snapshot).build());
    }

    // A stage prepared before this tick that the tick did not start (stopped, paused, reloaded).
    private void withdrawIfNotStarted(PreparedDispatch carried) {
        if (prepared != null && prepared == carried) {
            withdrawPrepared();
        }
    }

    /** Withdraws the prepared next stage, if any: the caller is not going to start it now. */
    void withdrawPrepared() {
        if (prepared != null) {
            PreparedDispatch p = prepared;
            prepared = null;
            withdraw(p);
        }
    }

    /**
     * Runs a dispatched stage on the calling thread. Touches no runtime state, so the daemon may
     * call it on a worker thread. A runner that throws is reported as {@code runner_error}.
     *
     * @param dispatch the dispatch
     * @return the completion
     */
    Completion runStage(Dispatch dispatch) {
        StageRunRequest request = dispatch.request();
        try {
            if (!Files.isDirectory(request.runDirectory())) { // an existing folder would cost an exception
                Files.createDirectories(request.runDirectory());
            }
            RunnerRawResult raw = dispatch.runner().run(request);
            if (raw == null) {
                throw new IllegalStateException("runner " + dispatch.runner().id() + " returned no result");
            }
            return new Completion(dispatch, raw);
        } catch (Exception | LinkageError e) {
            LOG.warn("runner {} failed on {}: {}", dispatch.runner().id(), request.requestId(), e.toString());
            Instant now = settings.clock().instant();
            return new Completion(dispatch, RunnerRawResult.builder().requestId(request.requestId())
                    .runId(request.runId()).stage(request.stage()).runnerName(dispatch.runner().id())
                    .exitKind(RunnerExitKind.RUNNER_ERROR).exitCode(1)
                    .startedAt(dispatch.dispatchedAt()).endedAt(now.isBefore(dispatch.dispatchedAt())
                            ? dispatch.dispatchedAt() : now).build());
        }
    }

    /**
     * Normalizes, routes and applies a completed stage. A completion whose run was retried or
     * cleared meanwhile is discarded with an event, never applied to another run.
     *
     * @param completion what the worker returned
     * @return what happened
     */
    TickResult complete(Completion completion) {
        Dispatch dispatch = completion.dispatch();
        StageRunRequest request = dispatch.request();
        Plane plane = request.plane();
        ActiveRunState current = snapshot.activeRun(plane);
        if (current == null || !current.runId().equals(request.runId()) || !current.nodeId().equals(request.nodeId())) {
            events.emit("stage_result_discarded", "plane", plane.wireName(), "request_id", request.requestId(),
                    "run_id", request.runId(), "reason", "the run was retried or cleared while the stage ran");
            return TickResult.idle("stage_result_discarded");
        }
        StageResultEnvelope result = normalizer.normalize(request, completion.raw());
        return applyResult(current, request, result);
    }

    private TickResult applyResult(ActiveRunState run, StageRunRequest request, StageResultEnvelope result) {
        Plane plane = result.plane();
        RouterDecision decision = null;
        try {
            decision = router.route(plan, snapshot, counters, result);
            java.nio.file.Path resultFile = paths.runDir(result.runId()).resolve("stage_results")
                    .resolve(request.requestId() + ".json");
            List<ai.millrace.api.state.RuntimeEvent> hookEvents = new ArrayList<>();
            ResultApplier.Extras extras = hooks(run, result, decision, request.requestId(), resultFile, hookEvents);
            governor.recordStageResult(result, request.requestId(),
                    paths.workspaceRoot().relativize(resultFile).toString(), session);
            ResultApplier.Applied applied = applier.apply(snapshot, counters, result, decision, request.requestId(),
                    extras);
            PlannedDispatch next = planAhead(() -> planNext(applied.snapshot(), plane, result.runId()));
            ClaimAhead claimAhead = next == null ? planAhead(() -> planClaimAhead(applied, run)) : null;
            List<ai.millrace.core.internal.journal.TransitionStep> held = List.of();
            if (next != null) {
                held = next.steps();
            } else if (claimAhead != null) {
                held = new ArrayList<>(claimAhead.claim().steps());
                held.addAll(claimAhead.dispatch().steps());
            }
            transitions.run(applied.transition(), held);
            snapshot = applied.snapshot();
            counters = applied.counters();
            if (next != null) {
                prepared = new PreparedDispatch(plane, next.dispatch(), snapshot, next.next(), plan, null, 0);
            } else if (claimAhead != null) {
                prepared = new PreparedDispatch(claimAhead.claim().run().plane(), claimAhead.dispatch().dispatch(),
                        snapshot, claimAhead.dispatch().next(), plan, claimAhead.claim(), queues.version());
            }
            hookEvents.forEach(events::emit);
            if (decision.action() == RouterAction.IDLE && "manager".equals(result.stageKindId())) {
                commitClosureDecision(closure.checkDrift());
            }
            if (applied.incidentId() != null) {
                events.emit("runtime_handoff_incident_enqueued", "incident_id", applied.incidentId(),
                        "source_work_item_kind", run.workItemKind().wireName(), "source_work_item_id", run.workItemId());
            }
        } catch (RuntimeException e) {
            LOG.warn("applying the result of {} failed: {}", request.requestId(), e.toString());
            return recoverPostStage(run, request, result, decision, e);
        }
        events.emit("stage_completed", "request_id", request.requestId(), "plane", plane.wireName(),
                "stage", result.stage().value(), "node_id", result.nodeId(), "run_id", result.runId(),
                "work_item_kind", result.workItemKind().wireName(), "work_item_id", result.workItemId(),
                "terminal_result", result.terminalResult().token(), "result_class", result.resultClass().wireName(),
                "failure_class", result.metadata().get("failure_class"),
                "duration_seconds", result.durationSeconds(), "token_usage", result.tokenUsage() == null ? null
                        : MillraceJson.mapper().convertValue(result.tokenUsage(), Map.class));
        events.emit("router_decision", "plane", plane.wireName(), "run_id", result.runId(),
                "stage", result.stage().value(), "terminal_result", result.terminalResult().token(),
                "action", decision.action().wireName(), "next_stage", decision.nextStage() == null ? null
                        : decision.nextStage().value(), "next_node_id", decision.nextNodeId(),
                "reason", decision.reason(), "failure_class", decision.failureClass());
        return TickResult.ran(result, decision);
    }

    // Closure, learning and curator hooks: their steps commit with the result, their events after it.
    private ResultApplier.Extras hooks(ActiveRunState run, StageResultEnvelope result, RouterDecision decision,
            String requestId, java.nio.file.Path resultFile, List<ai.millrace.api.state.RuntimeEvent> hookEvents) {
        List<ai.millrace.core.internal.journal.TransitionStep> steps = new ArrayList<>();
        Instant now = settings.clock().instant();
        if (run.requestKind() == RequestKind.CLOSURE_TARGET) {
            ai.millrace.core.internal.closure.ArbiterOutcome o =
                    closure.onArbiterResult(run, result, decision, resultFile);
            hookEvents.addAll(o.events());
            return new ResultApplier.Extras(o.steps(), o.failureClass(), true, o.planningMarker(),
                    o.incidentId() != null ? 1 : 0, 0);
        }
        steps.addAll(closure.onStageCompleted(run));
        List<ai.millrace.api.work.LearningRequestDocument> learning =
                ai.millrace.core.internal.learning.LearningTriggers.requestsFor(plan, result, requestId, resultFile,
                        settings.ids(), settings.clock());
        steps.addAll(ai.millrace.core.internal.learning.LearningTriggers.steps(queues, learning));
        hookEvents.addAll(ai.millrace.core.internal.learning.LearningTriggers.events(learning, now));
        List<Plane> foregroundAfter = new ArrayList<>();
        for (Plane p : new Plane[] {Plane.PLANNING, Plane.EXECUTION}) {
            boolean staysActive = snapshot.activeRun(p) != null
                    && (p != run.plane() || decision.action() == RouterAction.RUN_STAGE);
            if (staysActive) {
                foregroundAfter.add(p);
            }
        }
        for (ai.millrace.core.internal.learning.CuratorPromotion.Effects e : List.of(
                promotion.onResult(result, foregroundAfter, now), promotion.applyDeferred(foregroundAfter, now))) {
            steps.addAll(e.steps());
            hookEvents.addAll(e.events());
        }
        return new ResultApplier.Extras(steps, null, false, null, 0, learning.size());
    }

    private void commitClosureDecision(ai.millrace.core.internal.closure.CompletionDecision c) {
        if (!c.steps().isEmpty() || c.completionBlockedFailureClass() != null) {
            Transition.Builder tx = Transition.named("closure_drift");
            c.steps().forEach(tx::step);
            RuntimeSnapshot next = snapshot;
            if (c.completionBlockedFailureClass() != null) {
                next = Snapshots.withStatusMarker(snapshot.toBuilder()
                        .currentFailureClass(c.completionBlockedFailureClass()).updatedAt(settings.clock().instant())
                        .build(), Plane.PLANNING, "### BLOCKED");
                tx.statusMarker(Plane.PLANNING, "### BLOCKED");
            }
            transitions.run(tx.snapshot(next).build());
            snapshot = next;
        }
        c.events().forEach(events::emit);
    }

    // A runtime step failed after the stage returned: record why, and hand the item to the plane's
    // repair stage with the context (spec 02 section 3.9.6). The learning plane has no repair
    // stage, so its request is blocked instead (the original let this case escape the tick).
    private TickResult recoverPostStage(ActiveRunState run, StageRunRequest request, StageResultEnvelope result,
            RouterDecision decision, RuntimeException failure) {
        Plane plane = run.plane();
        Instant now = settings.clock().instant();
        boolean completionConflict = decision != null && decision.action() == RouterAction.IDLE
                && failure instanceof MillraceException
                && ((MillraceException) failure).errorCode() == ErrorCode.QUEUE_CONFLICT;
        RuntimeErrorCode code = plane == Plane.PLANNING
                ? (completionConflict ? RuntimeErrorCode.PLANNING_WORK_ITEM_COMPLETION_CONFLICT
                        : RuntimeErrorCode.PLANNING_POST_STAGE_APPLY_FAILED)
                : plane == Plane.EXECUTION
                        ? (completionConflict ? RuntimeErrorCode.EXECUTION_WORK_ITEM_COMPLETION_CONFLICT
                                : RuntimeErrorCode.EXECUTION_POST_STAGE_APPLY_FAILED)
                        : RuntimeErrorCode.LEARNING_POST_STAGE_APPLY_FAILED;
        String repairStage = plane == Plane.PLANNING ? "mechanic" : "troubleshooter";
        MaterializedGraphNodePlan repair = plane == Plane.LEARNING ? null : nodeOfKind(plan.graph(plane), repairStage);
        Path runDir = paths.runDir(run.runId());
        Path report = runDir.resolve("runtime_error_report.md");
        Path resultFile = runDir.resolve("stage_results").resolve(request.requestId() + ".json");
        Transition.Builder tx = Transition.named("post_stage_recovery_" + plane.wireName())
                .step(WriteWorkspaceFile.of(paths, resultFile, MillraceJson.write(result)))
                .step(DeleteWorkspaceFile.of(paths, paths.dispatchFile(plane)))
                .step(WriteWorkspaceFile.of(paths, report, errorReport(code, run, repairStage, decision, result,
                        resultFile, failure, now)))
                .statusMarker(plane, "### BLOCKED");
        Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(snapshot.activeRunsByPlane());
        RuntimeSnapshot next;
        if (repair != null && run.workItemKind() != null) {
            RuntimeErrorContext context = new RuntimeErrorContext(code, plane, run.stage(), StageId.of(repair.stageKindId()),
                    run.workItemKind(), run.workItemId(), run.runId(), decision == null ? null : decision.action(),
                    result.terminalResult().token(), paths.workspaceRoot().relativize(resultFile).toString(),
                    report.toString(), failure.getClass().getName(), String.valueOf(failure.getMessage()), now);
            tx.step(WriteWorkspaceFile.of(paths, paths.runtimeErrorContextFile(), MillraceJson.write(context)));
            runs.put(plane, run.toBuilder().stage(StageId.of(repair.stageKindId())).nodeId(repair.nodeId())
                    .stageKindId(repair.stageKindId()).activeSince(now).runningStatusMarker(null).build());
            next = snapshot.toBuilder().currentFailureClass(code.wireName()).updatedAt(now).build();
        } else {
            runs.remove(plane);
            if (run.workItemKind() != null && queues.statesOnDisk(run.workItemKind(), run.workItemId())
                    .contains(ai.millrace.core.workspace.QueueState.ACTIVE)) {
                tx.move(run.workItemKind(), run.workItemId(), ai.millrace.core.workspace.QueueState.ACTIVE,
                        ai.millrace.core.workspace.QueueState.BLOCKED);
            }
            next = snapshot.toBuilder().updatedAt(now).build();
        }
        next = Snapshots.withStatusMarker(Snapshots.withActiveRuns(next, runs), plane, "### BLOCKED");
        transitions.run(tx.snapshot(next).build());
        snapshot = next;
        events.emit("runtime_post_stage_recovery_scheduled", "error_code", code.wireName(), "plane", plane.wireName(),
                "failed_stage", run.stage().value(), "repair_stage", repair == null ? null : repair.stageKindId(),
                "run_id", run.runId(), "exception_type", failure.getClass().getName(),
                "exception_message", String.valueOf(failure.getMessage()));
        return TickResult.ran(result, new RouterDecision(repair == null ? RouterAction.BLOCKED : RouterAction.RUN_STAGE,
                repair == null ? null : plane, repair == null ? null : StageId.of(repair.stageKindId()),
                "runtime_exception:" + code.wireName(), repair == null ? null : repair.nodeId(),
                repair == null ? null : repair.stageKindId(), code.wireName(), null, false));
    }

    private static String errorReport(RuntimeErrorCode code, ActiveRunState run, String repairStage,
            RouterDecision decision, StageResultEnvelope result, Path resultFile, RuntimeException failure,
            Instant now) {
        return "# Runtime Error Report\n\n"
                + "Error-Code: " + code.wireName() + "\n"
                + "Plane: " + run.plane().wireName() + "\n"
                + "Failed-Stage: " + run.stage() + "\n"
                + "Repair-Stage: " + repairStage + "\n"
                + "Run-ID: " + run.runId() + "\n"
                + "Work-Item: " + (run.workItemKind() == null ? "none" : run.workItemKind().wireName() + " "
                        + run.workItemId()) + "\n"
                + "Router-Action: " + (decision == null ? "none" : decision.action().wireName()) + "\n"
                + "Terminal-Result: " + result.terminalResult().token() + "\n"
                + "Stage-Result-Path: " + resultFile + "\n"
                + "Exception-Type: " + failure.getClass().getName() + "\n"
                + "Exception-Message: " + String.valueOf(failure.getMessage()).replace('\n', ' ') + "\n"
                + "Captured-At: " + ai.millrace.compiler.internal.json.Timestamps.format(now) + "\n\n"
                + "Summary:\n"
                + "- The stage returned, but the runtime could not apply its result.\n"
                + "- The work item was handed to the " + repairStage + " with this report.\n";
    }

    // ---- crash recovery of in-flight stages ------------------------------------------------------

    private void settleInterruptedDispatches() {
        for (Plane plane : Plane.values()) {
            Path file = paths.dispatchFile(plane);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            DispatchRecord record;
            try {
                record = MillraceJson.read(file, DispatchRecord.class);
            } catch (MillraceException e) {
                LOG.warn("unreadable dispatch record {}: {}", file, e.getMessage());
                transitions.run(Transition.named("drop_unreadable_dispatch").step(DeleteWorkspaceFile.of(paths, file))
                        .build());
                continue;
            }
            ActiveRunState run = snapshot.activeRun(plane);
            StageRunRequest request = record.request();
            if (run == null || !run.runId().equals(request.runId()) || !run.nodeId().equals(request.nodeId())) {
                transitions.run(Transition.named("drop_stale_dispatch").step(DeleteWorkspaceFile.of(paths, file))
                        .build());
                continue;
            }
            StageResultEnvelope unknown = normalizer.unknownOutcome(request, record.dispatchedAt(),
                    settings.clock().instant());
            events.emit("stage_outcome_unknown", "plane", plane.wireName(), "request_id", request.requestId(),
                    "run_id", request.runId(), "stage", request.stage().value());
            applyResult(run, request, unknown);
        }
    }

    // An active run whose plane or node the plan in use lacks (the workspace was last run in
    // another mode, e.g. a learning run under default_codex) cannot be dispatched: requeue its
    // document so a mode that has the plane picks it up again, rather than failing every tick.
    private void releaseRunsThePlanCannotRun() {
        for (ActiveRunState run : new ArrayList<>(snapshot.activeRunsByPlane().values())) {
            FrozenGraphPlanePlan graph = plan.graph(run.plane());
            if (graph != null && graph.nodes().stream().anyMatch(n -> n.nodeId().equals(run.nodeId()))) {
                continue;
            }
            Plane plane = run.plane();
            Map<Plane, ActiveRunState> runs = new LinkedHashMap<>(snapshot.activeRunsByPlane());
            runs.remove(plane);
            RuntimeSnapshot next = Snapshots.withStatusMarker(Snapshots.withActiveRuns(
                    snapshot.toBuilder().updatedAt(settings.clock().instant()).build(), runs), plane,
                    RuntimeSnapshot.IDLE_MARKER);
            Transition.Builder tx = Transition.named("release_unrunnable_" + plane.wireName())
                    .step(DeleteWorkspaceFile.of(paths, paths.dispatchFile(plane)))
                    .statusMarker(plane, RuntimeSnapshot.IDLE_MARKER);
            if (run.workItemKind() != null) {
                if (queues.statesOnDisk(run.workItemKind(), run.workItemId())
                        .contains(ai.millrace.core.workspace.QueueState.ACTIVE)) {
                    tx.requeue(run.workItemKind(), run.workItemId(), "the compiled plan " + plan.compiledPlanId()
                            + " has no " + plane.wireName() + " node " + run.nodeId());
                }
                tx.resetCounters(run.workItemKind(), run.workItemId());
            }
            transitions.run(tx.snapshot(next).build());
            snapshot = next;
            counters = state.loadCounters();
            events.emit("active_run_released", "plane", plane.wireName(), "run_id", run.runId(),
                    "node_id", run.nodeId(), "work_item_kind", run.workItemKind() == null ? null
                            : run.workItemKind().wireName(), "work_item_id", run.workItemId(),
                    "reason", "node_not_in_plan");
        }
    }

    // ---- mailbox, stop, reload -------------------------------------------------------------------

    private void drainMailbox() {
        if (mailbox.pending().isEmpty()) {
            return;
        }
        DrainReport report = mailbox.drain(transitions, control);
        snapshot = state.loadSnapshot().orElse(snapshot);
        counters = state.loadCounters();
        if (!report.failed().isEmpty()) {
            LOG.warn("mailbox commands failed: {}", report.failed());
        }
    }

    private TickResult stopped() {
        // Active runs stay as they are: each resumes at its pending stage on the next start.
        RuntimeSnapshot next = snapshot.toBuilder().stopRequested(false).processRunning(false)
                .updatedAt(settings.clock().instant()).build();
        saveSnapshot(next);
        snapshot = next;
        events.emit("runtime_tick_stopped", "active_planes", activePlaneNames());
        return TickResult.idle("stop_requested");
    }

    /**
     * Marks a reload as wanted; it is applied when no plane is active, so a running item never
     * meets a plan without its node.
     */
    void requestReload() {
        reloadPending = true;
    }

    private void applyPendingReload() {
        if (!reloadPending || !snapshot.activeRunsByPlane().isEmpty()) {
            return;
        }
        reloadPending = false;
        CompiledRunPlan previous = plan;
        ai.millrace.api.config.MillraceConfig previousConfig = config;
        try {
            config = settings.configSource().get();
            compile();
            governor.configure(config.usageGovernance());
            snapshot = snapshot.toBuilder().compiledPlanId(plan.compiledPlanId()).activeModeId(plan.modeId())
                    .configVersion(plan.compileInputFingerprint().configFingerprint())
                    .lastReloadOutcome(ai.millrace.api.state.ReloadOutcome.APPLIED).lastReloadError(null)
                    .updatedAt(settings.clock().instant()).build();
            events.emit("runtime_config_reloaded", "mode_id", plan.modeId(), "compiled_plan_id", plan.compiledPlanId());
        } catch (MillraceException e) {
            plan = previous;
            config = previousConfig;
            snapshot = snapshot.toBuilder().lastReloadOutcome(ai.millrace.api.state.ReloadOutcome.FAILED_RETAINED_PREVIOUS_PLAN)
                    .lastReloadError(e.detail()).updatedAt(settings.clock().instant()).build();
            events.emit("runtime_config_reload_failed", "error", e.detail(), "retained_previous_plan", true);
        }
        saveSnapshot(snapshot);
    }

    /** Control commands applied by this running engine. */
    private final class EngineControlContext implements ControlContext {
        @Override
        public RuntimeSnapshot storedSnapshot() {
            return state.loadSnapshot().orElse(snapshot);
        }

        @Override
        public RecoveryCounters storedCounters() {
            return state.loadCounters();
        }

        @Override
        public QueueStore queues() {
            return queues;
        }

        @Override
        public WorkspacePaths paths() {
            return paths;
        }

        @Override
        public java.time.Clock clock() {
            return settings.clock();
        }

        @Override
        public String requestReload() {
            reloadPending = true;
            return snapshot.activeRunsByPlane().isEmpty() ? "applied at the next tick"
                    : "deferred until active planes drain";
        }
    }

    // Every snapshot write is journaled, so a replay can never bring back an older one.
    private void saveSnapshot(RuntimeSnapshot next) {
        transitions.run(Transition.named("snapshot").snapshot(next).build());
    }

    // ---- accessors for control and the daemon ----------------------------------------------------

    RuntimeSnapshot currentSnapshot() {
        return snapshot;
    }

    RecoveryCounters currentCounters() {
        return counters;
    }

    QueueStore queues() {
        return queues;
    }

    StateStore state() {
        return state;
    }

    WorkspacePaths paths() {
        return paths;
    }

    RuntimeEvents events() {
        return events;
    }

    /**
     * Returns what the runtime was built with.
     *
     * @return the settings
     */
    public EngineSettings settings() {
        return settings;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    /**
     * Returns the compiled plan in use.
     *
     * @return the plan, or null before start-up
     */
    public CompiledRunPlan plan() {
        return plan;
    }

    /**
     * Returns the in-memory snapshot (what the workspace holds).
     *
     * @return the snapshot, or null before start-up
     */
    public RuntimeSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Returns whether the session has started.
     *
     * @return true after {@link #startup()}
     */
    public boolean isStarted() {
        return started;
    }

    /**
     * Returns the workspace mailbox (for in-process control), available after start-up.
     *
     * @return the mailbox
     */
    public synchronized Mailbox controlMailbox() {
        if (mailbox == null) {
            mailbox = new Mailbox(paths, settings.files(), settings.clock());
        }
        return mailbox;
    }

    /**
     * Drains the mailbox and re-reads state; used by the daemon between cycles.
     */
    public void drain() {
        drainMailbox();
        if (!snapshot.stopRequested()) {
            governanceGate();
            applyPendingReload();
            pollIdeas();
        }
    }

    /**
     * Rescans the queue folders for files dropped in from outside.
     *
     * @return true when new files were found
     */
    boolean rescanQueues() {
        // Only the queue folders: the others change through our own moves, and done/ grows with
        // history. The result is the files quarantined, not the ones found: compare the depths.
        int before = queuedTotal();
        List<Path> quarantined = queues.rescanQueued();
        return queuedTotal() != before || !quarantined.isEmpty();
    }

    private int queuedTotal() {
        int total = 0;
        for (Plane p : Plane.values()) {
            total += queues.planeDepth(p);
        }
        return total;
    }

    ActiveRunState firstActiveRun() {
        for (Plane plane : new Plane[] {Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING}) {
            ActiveRunState run = snapshot.activeRun(plane);
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    private RuntimeErrorContext matchingErrorContext(ActiveRunState run) {
        if (!run.stageKindId().equals("troubleshooter") && !run.stageKindId().equals("mechanic")) {
            return null;
        }
        return state.loadErrorContext().filter(c -> c.plane() == run.plane() && c.runId().equals(run.runId())
                && c.repairStage().value().equals(run.stageKindId())
                && c.errorCode().wireName().equals(snapshot.currentFailureClass())).orElse(null);
    }

    private RuntimeSnapshot withDepths(RuntimeSnapshot s, Plane claimedPlane, int delta) {
        Map<Plane, Integer> depth = new EnumMap<>(Plane.class);
        for (Plane p : Plane.values()) {
            depth.put(p, queues.planeDepth(p) + (p == claimedPlane ? delta : 0));
        }
        return Snapshots.withQueueDepths(s, Math.max(0, depth.get(Plane.EXECUTION)),
                Math.max(0, depth.get(Plane.PLANNING)), Math.max(0, depth.get(Plane.LEARNING)));
    }

    private List<String> activePlaneNames() {
        List<String> names = new ArrayList<>();
        snapshot.activeRunsByPlane().keySet().forEach(p -> names.add(p.wireName()));
        return names;
    }

    private List<String> wireNames() {
        List<String> names = new ArrayList<>();
        snapshot.pauseSources().forEach(s -> names.add(s.wireName()));
        return names;
    }

    static MaterializedGraphNodePlan node(FrozenGraphPlanePlan graph, String nodeId) {
        for (MaterializedGraphNodePlan n : graph.nodes()) {
            if (n.nodeId().equals(nodeId)) {
                return n;
            }
        }
        throw new MillraceException(ErrorCode.RUNTIME_STATE, "the compiled " + graph.plane() + " graph has no node '"
                + nodeId + "'; the plan changed under an active run — run `millrace control retry-active`");
    }

    private static MaterializedGraphNodePlan nodeOfKind(FrozenGraphPlanePlan graph, String stageKindId) {
        for (MaterializedGraphNodePlan n : graph.nodes()) {
            if (n.stageKindId().equals(stageKindId)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Ends the session: marks the runtime not running, releases ownership and closes runners.
     * Active runs are kept, so each resumes at its pending stage on the next start.
     */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        started = false;
        boolean owner = heartbeat.owned(); // a runtime that lost the workspace writes nothing more
        try {
            if (owner) {
                withdrawPrepared(); // a clean close between stages resumes at the next stage
                if (pendingClaim != null) { // claimed but never dispatched: journal the claim alone
                    Transition.Builder alone = Transition.named("activate_" + pendingClaim.plane().wireName());
                    pendingClaim.claim().steps().forEach(alone::step);
                    transitions.run(alone.snapshot(snapshot).build());
                    pendingClaim.claim().events().forEach(Runnable::run);
                    pendingClaim = null;
                }
                snapshot = snapshot.toBuilder().processRunning(false).updatedAt(settings.clock().instant()).build();
                saveSnapshot(snapshot);
                events.emit("runtime_closed", "mode_id", plan.modeId(), "compiled_plan_id", plan.compiledPlanId());
            } else {
                LOG.warn("closing without saving: another runtime owns {}", paths.workspaceRoot());
            }
        } finally {
            try {
                if (owner) {
                    transitions.checkpoint();
                }
            } finally {
                transitions.close();
                events.close();
                timer.shutdownNow();
                runners.close();
                lock.release(lease.sessionId());
            }
        }
    }
}
