package ai.millrace.core.internal.closure;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledCompletionEntry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime's completion behaviour (spec 02 section 4): opens closure targets when root specs
 * are claimed, scopes claims to the open lineage, decides when the arbiter runs, and applies its
 * results. Every hook returns journal steps for the caller's transition and events to emit after
 * it commits; nothing here writes runtime state itself.
 *
 * <p>Unlike the original, a parked arbiter (after {@code BLOCKED} or the repeated-remediation
 * guard) is not dispatched again until something changes (lineage work completes, the target,
 * rubric or contract files change, or an operator calls {@link #rearm}), and blocked lineage
 * work raises a visible, actionable status instead of stalling silently.
 *
 * <p>Called from the engine's single applying thread; not thread-safe.
 */
public final class ClosureCoordinator {
    private final WorkspacePaths paths;
    private final QueueStore queues;
    private final Clock clock;
    private final IdGenerator ids;
    private final ClosureTargets targets;
    private final LineageScanner scanner;
    private final Readiness readiness;
    private final ArbiterResults arbiterResults;
    private Set<String> deferredMemoKey;
    private List<String> deferredMemo = List.of();
    private List<String> lastBackpressure = List.of();
    private Set<String> backfillMemoKey;

    /**
     * Creates a coordinator for a workspace.
     *
     * @param queues the queues (their paths are the workspace's)
     * @param clock the clock
     * @param ids the id generator (run ids, incident suffixes)
     */
    public ClosureCoordinator(QueueStore queues, Clock clock, IdGenerator ids) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.paths = queues.paths();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.targets = new ClosureTargets(paths);
        this.scanner = new LineageScanner(queues);
        this.readiness = new Readiness(paths);
        this.arbiterResults = new ArbiterResults(paths, queues, ids);
    }

    /**
     * Returns the open target, if any.
     *
     * @return the open target
     * @throws MillraceException WORKSPACE_INVALID when more than one target is open
     */
    public Optional<ClosureTargetState> openTarget() {
        return targets.open();
    }

    // ---- claims ---------------------------------------------------------------------------------

    /**
     * Returns the claim scope for this tick or scheduler cycle: the root filter and claim order
     * (the same for the serial tick and the daemon), plus a {@code closure_target_backpressure}
     * event when the set of root specs deferred behind the open target changed.
     *
     * @return the scope
     */
    public ClaimScope claimScope() {
        Optional<ClosureTargetState> open = targets.open();
        if (open.isEmpty()) {
            lastBackpressure = List.of();
            return new ClaimScope(null, List.of(), List.of());
        }
        String root = open.get().rootSpecId();
        List<String> deferred = deferredRootSpecs(root);
        List<RuntimeEvent> events = new ArrayList<>();
        if (!deferred.isEmpty() && !deferred.equals(lastBackpressure)) {
            events.add(backpressure(root, deferred));
        }
        lastBackpressure = deferred;
        return new ClaimScope(root, deferred, events);
    }

    /**
     * Decides whether a claimed spec may be activated, and opens its closure target when it is a
     * root spec (spec 02 sections 3.7 step 2 and 4.3). Call it before the activation transition
     * and add the steps to it. When not allowed, requeue the spec with
     * {@link SpecClaimDecision#requeueReason()} if it was already moved to {@code active/} (or
     * leave it queued if it was only peeked) and emit the events.
     *
     * <p>A root spec is one per {@link Lineage#isRootSpec}; a root spec without root ids uses its
     * own id as root spec id and {@link Lineage#seedIdeaIdOf} as root idea id. A missing seed
     * idea never blocks the claim: the root spec stands in as the seed contract and a
     * {@code closure_target_seed_idea_missing} event says so.
     *
     * @param spec the claimed spec
     * @return the decision
     */
    public SpecClaimDecision onSpecClaim(SpecDocument spec) {
        if (!Lineage.isRootSpec(spec)) {
            return new SpecClaimDecision(true, null, null, List.of(), List.of());
        }
        String root = spec.rootSpecId() != null ? spec.rootSpecId() : spec.specId();
        Optional<ClosureTargetState> existing = targets.find(root);
        if (existing.isPresent()) {
            return new SpecClaimDecision(true, null, existing.get(), List.of(), List.of());
        }
        Optional<ClosureTargetState> open = targets.open();
        if (open.isPresent()) {
            RuntimeEvent event = backpressure(open.get().rootSpecId(), List.of(spec.specId()));
            return new SpecClaimDecision(false, SpecClaimDecision.BACKPRESSURE_REASON, null, List.of(),
                    List.of(event));
        }
        TargetOpening opening = TargetOpening.plan(paths, spec, clock.instant());
        return new SpecClaimDecision(true, null, opening.target(), opening.steps(), opening.events());
    }

    // ---- completion -----------------------------------------------------------------------------

    /**
     * Decides whether to activate the completion stage (the arbiter) now; call it when nothing
     * was claimed (serial) or when the planning lane is idle (daemon). See spec 02 section 4.4,
     * with these changes: a parked arbiter waits for a change; blocked lineage work raises
     * {@code closure_target_blocked_by_lineage_work} once per change and a status
     * ({@link #status()}); a backfill candidate without root ids opens a target with its own id.
     *
     * <p>Commit {@link CompletionDecision#steps()} in the activation transition when
     * {@link CompletionDecision#activation()} is set, else in a transition of their own (when
     * non-empty); then emit the events.
     *
     * @param plan the compiled plan
     * @param snapshot the current snapshot
     * @return the decision
     */
    public CompletionDecision completionCandidate(CompiledRunPlan plan, RuntimeSnapshot snapshot) {
        FrozenGraphPlanePlan graph = plan.graph(Plane.PLANNING);
        CompiledCompletionEntry entry = graph == null ? null : graph.compiledCompletionEntry();
        if (entry == null) {
            return CompletionDecision.idle("no_completion_behavior", null);
        }
        if (snapshot.activeRun(Plane.PLANNING) != null) {
            return CompletionDecision.idle("planning_busy", null);
        }
        Instant now = clock.instant();
        Optional<ClosureTargetState> open;
        try {
            open = targets.open();
        } catch (MillraceException e) {
            return new CompletionDecision(null, null, "multiple_open_targets", null, List.of(),
                    List.of(ClosureEvents.of("closure_target_invalid", now, "reason", e.detail())));
        }
        List<TransitionStep> steps = new ArrayList<>();
        List<RuntimeEvent> events = new ArrayList<>();
        ClosureTargetState target;
        if (open.isPresent()) {
            target = open.get();
        } else {
            Optional<TargetOpening> backfill = backfill(now);
            if (backfill.isEmpty()) {
                return CompletionDecision.idle("no_target", null);
            }
            TargetOpening opening = backfill.get();
            target = opening.target();
            if (!Boolean.TRUE.equals(target.closureOpen())) {
                return CompletionDecision.idle("target_closed", target);
            }
            steps.addAll(opening.steps());
            events.addAll(opening.events());
        }
        ClosureGate gate = ClosureGate.load(paths, target.rootSpecId(), now);
        if (gate.parked()) {
            String why = rearmReason(gate, target);
            if (why == null) {
                return CompletionDecision.idle("arbiter_parked", target);
            }
            gate = gate.withParking(null, null, null, now);
            steps.add(gate.step(paths));
            events.add(ClosureEvents.of("closure_arbiter_rearmed", now, "root_spec_id", target.rootSpecId(),
                    "reason", why));
        }
        Readiness.Result ready = readiness.evaluate(scanner.scan(), target, gate, now);
        steps.addAll(ready.steps());
        events.addAll(ready.events());
        if (ready.notReadyReason() != null) {
            return new CompletionDecision(null, ready.target(), ready.notReadyReason(), ready.failureClass(), steps,
                    events);
        }
        ActiveRunState run = ActiveRunState.builder()
                .plane(Plane.PLANNING)
                .stage(StageId.of(entry.stageKindId()))
                .nodeId(entry.nodeId())
                .stageKindId(entry.stageKindId())
                .runId("run-" + ids.hex(32))
                .requestKind(RequestKind.CLOSURE_TARGET)
                .closureTargetRootSpecId(target.rootSpecId())
                .closureTargetRootIdeaId(target.rootIdeaId())
                .activeSince(now)
                .build();
        events.add(ClosureEvents.of("completion_stage_activated", now, "root_spec_id", target.rootSpecId(),
                "root_idea_id", target.rootIdeaId(), "run_id", run.runId(), "node_id", entry.nodeId()));
        return new CompletionDecision(run, ready.target(), "activate", null, steps, events);
    }

    /**
     * Checks the open target for lineage drift on its own (the original also does this after
     * every {@code manager} IDLE while a target is open).
     *
     * @return the decision: {@code lineage_drift} with steps, or an idle decision
     */
    public CompletionDecision checkDrift() {
        Optional<ClosureTargetState> open = targets.open();
        if (open.isEmpty()) {
            return CompletionDecision.idle("no_target", null);
        }
        Instant now = clock.instant();
        ClosureGate gate = ClosureGate.load(paths, open.get().rootSpecId(), now);
        Readiness.Result r = readiness.drift(scanner.scan(), open.get(), gate, now);
        if (r == null) {
            return CompletionDecision.idle("no_drift", open.get());
        }
        return new CompletionDecision(null, r.target(), r.notReadyReason(), r.failureClass(), r.steps(), r.events());
    }

    // ---- stage completions and arbiter results ---------------------------------------------

    /**
     * Records that a work stage completed while a target is open (what the repeated-remediation
     * guard and the re-arm rule read). Add the steps to the stage's result transition; they are
     * empty when nothing changes (the flags are written once per arbiter cycle).
     *
     * @param run the run whose stage completed
     * @return steps to add (possibly empty)
     */
    public List<TransitionStep> onStageCompleted(ActiveRunState run) {
        if (run.requestKind() != RequestKind.ACTIVE_WORK_ITEM) {
            return List.of();
        }
        Optional<ClosureTargetState> open = targets.open();
        if (open.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        ClosureGate gate = ClosureGate.load(paths, open.get().rootSpecId(), now);
        boolean execution = gate.executionSinceArbiter() || run.plane() == Plane.EXECUTION;
        if (execution == gate.executionSinceArbiter() && gate.workSinceArbiter()) {
            return List.of();
        }
        return List.of(gate.withWork(execution, true, now).step(paths));
    }

    /**
     * Applies an arbiter (closure-target) result: see {@link ArbiterResults#apply}.
     *
     * @param run the closure-target run
     * @param result the arbiter's result
     * @param decision the router's decision
     * @param stageResultFile where the result envelope is written
     * @return the outcome to merge into the result transition
     */
    public ArbiterOutcome onArbiterResult(ActiveRunState run, StageResultEnvelope result, RouterDecision decision,
            Path stageResultFile) {
        ClosureTargetState target = targets.find(run.closureTargetRootSpecId()).orElseThrow(() ->
                new MillraceException(ai.millrace.api.ErrorCode.RUNTIME_STATE, "closure target "
                        + run.closureTargetRootSpecId() + " does not exist; the arbiter result cannot be applied"));
        Instant now = clock.instant();
        return arbiterResults.apply(target, ClosureGate.load(paths, target.rootSpecId(), now), run, result, decision,
                stageResultFile, now);
    }

    /**
     * Re-arms a parked arbiter on an operator's request.
     *
     * @param reason a short reason recorded in the event
     * @return the steps and events; empty when no target is open or it is not parked
     */
    public CompletionDecision rearm(String reason) {
        Optional<ClosureTargetState> open = targets.open();
        if (open.isEmpty()) {
            return CompletionDecision.idle("no_target", null);
        }
        Instant now = clock.instant();
        ClosureGate gate = ClosureGate.load(paths, open.get().rootSpecId(), now);
        if (!gate.parked()) {
            return CompletionDecision.idle("not_parked", open.get());
        }
        return new CompletionDecision(null, open.get(), "rearmed", null,
                List.of(gate.withParking(null, null, null, now).step(paths)),
                List.of(ClosureEvents.of("closure_arbiter_rearmed", now, "root_spec_id", open.get().rootSpecId(),
                        "reason", reason == null ? "operator" : reason)));
    }

    /**
     * Returns the closure status fields to show next to the target's (spec 02 section 12 item 17).
     *
     * @return the status
     */
    public ClosureStatus status() {
        Optional<ClosureTargetState> open = targets.open();
        if (open.isEmpty()) {
            return ClosureStatus.NONE;
        }
        ClosureGate g = ClosureGate.load(paths, open.get().rootSpecId(), clock.instant());
        String hint = g.parked() ? "the arbiter runs again when lineage work completes, when the target, rubric or "
                + "contract files under " + paths.workspaceRoot().relativize(paths.arbiterDir()) + " change, or when "
                + "an operator re-arms it" : null;
        return new ClosureStatus(open.get().rootSpecId(), g.blockedReason(), g.blockedWorkIds(), g.recommendedAction(),
                g.parkedReason(), hint);
    }

    // ---- internals ----------------------------------------------------------------------------

    private String rearmReason(ClosureGate gate, ClosureTargetState target) {
        if (gate.workSinceArbiter()) {
            return "lineage_work_completed";
        }
        if (!Objects.equals(gate.parkedFingerprint(), ClosureFingerprint.current(paths, target))) {
            return "closure_files_changed";
        }
        return null;
    }

    private RuntimeEvent backpressure(String openRoot, List<String> deferred) {
        return ClosureEvents.of("closure_target_backpressure", clock.instant(), "open_root_spec_id", openRoot,
                "deferred_root_spec_ids", deferred, "reason", "open_closure_target");
    }

    // Root specs in specs/queue whose effective root is another known root, by (created_at, spec_id).
    private List<String> deferredRootSpecs(String root) {
        Set<String> key = new TreeSet<>(queues.ids(WorkItemKind.SPEC, QueueState.QUEUED));
        key.add("\u0000" + root);
        if (key.equals(deferredMemoKey)) {
            return deferredMemo;
        }
        List<SpecDocument> specs = new ArrayList<>();
        for (String id : queues.ids(WorkItemKind.SPEC, QueueState.QUEUED)) {
            read(WorkItemKind.SPEC, QueueState.QUEUED, id).ifPresent(d -> {
                SpecDocument s = (SpecDocument) d;
                String eff = Lineage.effectiveRootSpecId(s);
                if (Lineage.isRootSpec(s) && eff != null && !eff.equals(root)) {
                    specs.add(s);
                }
            });
        }
        specs.sort(Comparator.comparing(SpecDocument::createdAt).thenComparing(SpecDocument::specId));
        deferredMemoKey = key;
        deferredMemo = specs.stream().map(SpecDocument::specId).toList();
        return deferredMemo;
    }

    // Spec 02 section 4.4 step 1: the newest root spec across the spec folders, when no target is open.
    private Optional<TargetOpening> backfill(Instant now) {
        Set<String> key = new TreeSet<>();
        List<QueueState> states = List.of(QueueState.ACTIVE, QueueState.DONE, QueueState.QUEUED, QueueState.BLOCKED);
        for (QueueState s : states) {
            queues.ids(WorkItemKind.SPEC, s).forEach(id -> key.add(s + "/" + id));
        }
        if (key.equals(backfillMemoKey)) {
            return Optional.empty();
        }
        SpecDocument newest = null;
        for (QueueState s : states) {
            for (String id : queues.ids(WorkItemKind.SPEC, s)) {
                Optional<WorkDocument> d = read(WorkItemKind.SPEC, s, id);
                if (d.isPresent() && Lineage.isRootSpec((SpecDocument) d.get())) {
                    SpecDocument spec = (SpecDocument) d.get();
                    if (newest == null || spec.createdAt().isAfter(newest.createdAt())
                            || spec.createdAt().equals(newest.createdAt()) && spec.specId().compareTo(newest.specId()) > 0) {
                        newest = spec;
                    }
                }
            }
        }
        if (newest == null) {
            backfillMemoKey = key;
            return Optional.empty();
        }
        String root = newest.rootSpecId() != null ? newest.rootSpecId() : newest.specId();
        Optional<ClosureTargetState> existing = targets.find(root);
        if (existing.isPresent()) {
            if (!Boolean.TRUE.equals(existing.get().closureOpen())) {
                backfillMemoKey = key;
            }
            return existing.map(t -> new TargetOpening(t, List.of(), List.of()));
        }
        TargetOpening opening = TargetOpening.plan(paths, newest, now);
        List<RuntimeEvent> events = new ArrayList<>(opening.events());
        events.add(ClosureEvents.of("completion_behavior_target_backfilled", now, "root_spec_id", root,
                "root_idea_id", opening.target().rootIdeaId(), "spec_path", LineageScanner.relative(paths,
                        WorkItemKind.SPEC, stateOf(newest.specId()), newest.specId())));
        return Optional.of(new TargetOpening(opening.target(), opening.steps(), events));
    }

    private QueueState stateOf(String specId) {
        Set<QueueState> on = queues.statesOnDisk(WorkItemKind.SPEC, specId);
        return on.isEmpty() ? QueueState.DONE : on.iterator().next();
    }

    private Optional<WorkDocument> read(WorkItemKind kind, QueueState state, String id) {
        try {
            return queues.read(kind, state, id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
