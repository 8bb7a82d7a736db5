package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WireKind;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.internal.Copies;
import ai.millrace.api.run.RequestKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime's persisted state, {@code state/runtime_snapshot.json}: what runs, what is paused,
 * what each plane is doing, queue depths and recovery counts.
 *
 * <p>Normalized on construction as the original does: pause sources are de-duplicated and
 * {@code paused} follows them; per-plane maps are back-filled from the legacy scalar fields; a
 * legacy snapshot with only scalar active fields gets its {@link ActiveRunState} synthesized; and
 * the legacy {@code active_*} fields always project the foreground run (planning, then
 * execution, then learning).
 *
 * @param runtimeMode how the runtime was started; defaults to {@code daemon}
 * @param processRunning whether a runtime process is running
 * @param paused whether dispatching is paused; true exactly when {@code pauseSources} is non-empty
 * @param pauseSources who paused it, de-duplicated
 * @param stopRequested whether a stop was requested
 * @param activeModeId the active mode id
 * @param executionLoopId the execution loop id
 * @param planningLoopId the planning loop id
 * @param learningLoopId the learning loop id; may be null
 * @param loopIdsByPlane loop id per plane
 * @param compiledPlanId the compiled plan id ({@code bootstrap} before the first compile)
 * @param compiledPlanPath the plan file, relative to the workspace
 * @param activePlane legacy projection of the foreground run: its plane
 * @param activeStage legacy projection: its stage
 * @param activeNodeId legacy projection: its node
 * @param activeStageKindId legacy projection: its stage kind
 * @param activeRunId legacy projection: its run id
 * @param activeWorkItemKind legacy projection: its work item kind
 * @param activeWorkItemId legacy projection: its work item id
 * @param activeRunsByPlane the canonical active runs, one per plane at most
 * @param executionStatusMarker the execution status marker
 * @param planningStatusMarker the planning status marker
 * @param learningStatusMarker the learning status marker; defaults to {@code ### IDLE}
 * @param statusMarkersByPlane status marker per plane
 * @param queueDepthExecution queued execution items
 * @param queueDepthPlanning queued planning items
 * @param queueDepthLearning queued learning items
 * @param queueDepthsByPlane queue depth per plane
 * @param lastTerminalResult the last terminal result token; may be null
 * @param lastStageResultPath the last stage result file, relative to the workspace; may be null
 * @param currentFailureClass the failure class being recovered; may be null
 * @param troubleshootAttemptCount troubleshooter runs of the current activation
 * @param mechanicAttemptCount mechanic runs of the current activation
 * @param fixCycleCount fix cycles of the current activation
 * @param consultantInvocations consultant runs of the current activation
 * @param configVersion the configuration fingerprint; defaults to {@code bootstrap}
 * @param watcherMode the watcher mode; defaults to {@code off}
 * @param lastReloadOutcome the last reload outcome; may be null
 * @param lastReloadError the last reload error; may be null
 * @param startedAt when the runtime started; may be null
 * @param activeSince when the foreground run became active; may be null
 * @param updatedAt when the snapshot was written
 */
@WireKind("runtime_snapshot")
public record RuntimeSnapshot(
        RuntimeMode runtimeMode,
        boolean processRunning,
        boolean paused,
        List<PauseSource> pauseSources,
        boolean stopRequested,
        String activeModeId,
        String executionLoopId,
        String planningLoopId,
        String learningLoopId,
        Map<Plane, String> loopIdsByPlane,
        String compiledPlanId,
        String compiledPlanPath,
        Plane activePlane,
        StageId activeStage,
        String activeNodeId,
        String activeStageKindId,
        String activeRunId,
        WorkItemKind activeWorkItemKind,
        String activeWorkItemId,
        Map<Plane, ActiveRunState> activeRunsByPlane,
        String executionStatusMarker,
        String planningStatusMarker,
        String learningStatusMarker,
        Map<Plane, String> statusMarkersByPlane,
        int queueDepthExecution,
        int queueDepthPlanning,
        int queueDepthLearning,
        Map<Plane, Integer> queueDepthsByPlane,
        String lastTerminalResult,
        String lastStageResultPath,
        String currentFailureClass,
        int troubleshootAttemptCount,
        int mechanicAttemptCount,
        int fixCycleCount,
        int consultantInvocations,
        String configVersion,
        WatcherMode watcherMode,
        ReloadOutcome lastReloadOutcome,
        String lastReloadError,
        Instant startedAt,
        Instant activeSince,
        Instant updatedAt) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param runtimeMode how the runtime was started; defaults to {@code daemon}
     * @param processRunning whether a runtime process is running
     * @param paused whether dispatching is paused; true exactly when {@code pauseSources} is non-empty
     * @param pauseSources who paused it, de-duplicated
     * @param stopRequested whether a stop was requested
     * @param activeModeId the active mode id
     * @param executionLoopId the execution loop id
     * @param planningLoopId the planning loop id
     * @param learningLoopId the learning loop id; may be null
     * @param loopIdsByPlane loop id per plane
     * @param compiledPlanId the compiled plan id ({@code bootstrap} before the first compile)
     * @param compiledPlanPath the plan file, relative to the workspace
     * @param activePlane legacy projection of the foreground run: its plane
     * @param activeStage legacy projection: its stage
     * @param activeNodeId legacy projection: its node
     * @param activeStageKindId legacy projection: its stage kind
     * @param activeRunId legacy projection: its run id
     * @param activeWorkItemKind legacy projection: its work item kind
     * @param activeWorkItemId legacy projection: its work item id
     * @param activeRunsByPlane the canonical active runs, one per plane at most
     * @param executionStatusMarker the execution status marker
     * @param planningStatusMarker the planning status marker
     * @param learningStatusMarker the learning status marker; defaults to {@code ### IDLE}
     * @param statusMarkersByPlane status marker per plane
     * @param queueDepthExecution queued execution items
     * @param queueDepthPlanning queued planning items
     * @param queueDepthLearning queued learning items
     * @param queueDepthsByPlane queue depth per plane
     * @param lastTerminalResult the last terminal result token; may be null
     * @param lastStageResultPath the last stage result file, relative to the workspace; may be null
     * @param currentFailureClass the failure class being recovered; may be null
     * @param troubleshootAttemptCount troubleshooter runs of the current activation
     * @param mechanicAttemptCount mechanic runs of the current activation
     * @param fixCycleCount fix cycles of the current activation
     * @param consultantInvocations consultant runs of the current activation
     * @param configVersion the configuration fingerprint; defaults to {@code bootstrap}
     * @param watcherMode the watcher mode; defaults to {@code off}
     * @param lastReloadOutcome the last reload outcome; may be null
     * @param lastReloadError the last reload error; may be null
     * @param startedAt when the runtime started; may be null
     * @param activeSince when the foreground run became active; may be null
     * @param updatedAt when the snapshot was written
     */
    public RuntimeSnapshot {
        pauseSources = Copies.list(pauseSources);
        Identifiers.requireText("active_mode_id", activeModeId);
        loopIdsByPlane = Copies.map(loopIdsByPlane);
        Identifiers.requireText("compiled_plan_id", compiledPlanId);
        activeRunsByPlane = Copies.map(activeRunsByPlane);
        Identifiers.requireText("execution_status_marker", executionStatusMarker);
        Identifiers.requireText("planning_status_marker", planningStatusMarker);
        statusMarkersByPlane = Copies.map(statusMarkersByPlane);
        if (queueDepthExecution < 0) {
            throw new ContractViolationException("queue_depth_execution must be >= 0 (got " + queueDepthExecution + ")");
        }
        if (queueDepthPlanning < 0) {
            throw new ContractViolationException("queue_depth_planning must be >= 0 (got " + queueDepthPlanning + ")");
        }
        if (queueDepthLearning < 0) {
            throw new ContractViolationException("queue_depth_learning must be >= 0 (got " + queueDepthLearning + ")");
        }
        queueDepthsByPlane = Copies.map(queueDepthsByPlane);
        if (troubleshootAttemptCount < 0) {
            throw new ContractViolationException("troubleshoot_attempt_count must be >= 0 (got " + troubleshootAttemptCount + ")");
        }
        if (mechanicAttemptCount < 0) {
            throw new ContractViolationException("mechanic_attempt_count must be >= 0 (got " + mechanicAttemptCount + ")");
        }
        if (fixCycleCount < 0) {
            throw new ContractViolationException("fix_cycle_count must be >= 0 (got " + fixCycleCount + ")");
        }
        if (consultantInvocations < 0) {
            throw new ContractViolationException("consultant_invocations must be >= 0 (got " + consultantInvocations + ")");
        }
        Objects.requireNonNull(updatedAt, "updated_at is required");
        runtimeMode = runtimeMode == null ? RuntimeMode.DAEMON : runtimeMode;
        learningStatusMarker = learningStatusMarker == null ? IDLE_MARKER : learningStatusMarker;
        configVersion = configVersion == null ? "bootstrap" : configVersion;
        watcherMode = watcherMode == null ? WatcherMode.OFF : watcherMode;
        // Pause sources: de-duplicated; paused without a source means an operator pause.
        LinkedHashSet<PauseSource> sources = new LinkedHashSet<>(pauseSources);
        if (paused && sources.isEmpty()) {
            sources.add(PauseSource.OPERATOR);
        }
        pauseSources = List.copyOf(sources);
        paused = !pauseSources.isEmpty();
        // Per-plane maps are back-filled from the legacy scalars; existing map entries win.
        loopIdsByPlane = backfill(loopIdsByPlane, executionLoopId, planningLoopId, learningLoopId);
        statusMarkersByPlane = backfill(statusMarkersByPlane, executionStatusMarker, planningStatusMarker,
                learningStatusMarker);
        queueDepthsByPlane = backfill(queueDepthsByPlane, queueDepthExecution, queueDepthPlanning,
                queueDepthLearning);
        for (var entry : queueDepthsByPlane.entrySet()) {
            if (entry.getValue() == null || entry.getValue() < 0) {
                throw new ContractViolationException("queue_depths_by_plane." + entry.getKey() + " must be >= 0");
            }
        }
        for (var entry : statusMarkersByPlane.entrySet()) {
            requireMarker("status_markers_by_plane." + entry.getKey(), entry.getValue());
        }
        requireMarker("execution_status_marker", executionStatusMarker);
        requireMarker("planning_status_marker", planningStatusMarker);
        requireMarker("learning_status_marker", learningStatusMarker);
        // A legacy snapshot with only the scalar active fields gets its canonical run synthesized.
        if (activeRunsByPlane.isEmpty() && activeStage != null && activePlane != null && activeRunId != null
                && (activeSince != null || updatedAt != null) && activeWorkItemKind != null
                && activeWorkItemId != null) {
            ActiveRunState synthesized = new ActiveRunState(activePlane, activeStage,
                    activeNodeId != null ? activeNodeId : activeStage.value(),
                    activeStageKindId != null ? activeStageKindId : activeStage.value(), activeRunId,
                    activeWorkItemKind == WorkItemKind.LEARNING_REQUEST
                            ? RequestKind.LEARNING_REQUEST : RequestKind.ACTIVE_WORK_ITEM,
                    activeWorkItemKind, activeWorkItemId, null, null,
                    activeSince != null ? activeSince : updatedAt, null);
            activeRunsByPlane = Map.of(activePlane, synthesized);
        }
        for (var entry : activeRunsByPlane.entrySet()) {
            if (entry.getValue().plane() != entry.getKey()) {
                throw new ContractViolationException("active_runs_by_plane." + entry.getKey()
                        + " holds a run of plane " + entry.getValue().plane());
            }
        }
        // The legacy active_* fields always project the foreground run: planning, then execution,
        // then learning.
        ActiveRunState foreground = foreground(activeRunsByPlane);
        if (foreground != null) {
            activePlane = foreground.plane();
            activeStage = foreground.stage();
            activeNodeId = foreground.nodeId();
            activeStageKindId = foreground.stageKindId();
            activeRunId = foreground.runId();
            activeWorkItemKind = foreground.workItemKind();
            activeWorkItemId = foreground.workItemId();
            activeSince = foreground.activeSince();
        } else if (activeStage == null) {
            activeNodeId = null;
            activeStageKindId = null;
        } else {
            activeNodeId = activeNodeId != null ? activeNodeId : activeStage.value();
            activeStageKindId = activeStageKindId != null ? activeStageKindId : activeStage.value();
        }
        if ((activePlane == null) != (activeStage == null)) {
            throw new ContractViolationException("active_plane and active_stage must be set together");
        }
        if ((activeWorkItemKind == null) != (activeWorkItemId == null)) {
            throw new ContractViolationException("active_work_item_kind and active_work_item_id must be set together");
        }
        if (activeWorkItemKind != null && (activeStage == null || activeRunId == null)) {
            throw new ContractViolationException("an active work item requires active_stage and active_run_id");
        }
        if (activeSince != null && activeStage == null) {
            throw new ContractViolationException("active_since requires active_stage");
        }
    }

    /** The idle status marker line. */
    public static final String IDLE_MARKER = "### IDLE";

    /**
     * Returns the active run of a plane.
     *
     * @param plane the plane
     * @return the run, or null when the plane is idle
     */
    public ActiveRunState activeRun(Plane plane) {
        return activeRunsByPlane.get(plane);
    }

    private static <V> Map<Plane, V> backfill(Map<Plane, V> map, V execution, V planning, V learning) {
        LinkedHashMap<Plane, V> merged = new LinkedHashMap<>(map);
        if (execution != null) {
            merged.putIfAbsent(Plane.EXECUTION, execution);
        }
        if (planning != null) {
            merged.putIfAbsent(Plane.PLANNING, planning);
        }
        if (learning != null) {
            merged.putIfAbsent(Plane.LEARNING, learning);
        }
        return Copies.map(merged);
    }

    private static void requireMarker(String field, String marker) {
        if (marker == null || !marker.startsWith("### ") || marker.substring(4).isBlank()) {
            throw new ContractViolationException(field + " must start with '### ' followed by text (got '"
                    + marker + "')");
        }
    }

    private static ActiveRunState foreground(Map<Plane, ActiveRunState> runs) {
        for (Plane plane : new Plane[] {Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING}) {
            ActiveRunState run = runs.get(plane);
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    /**
     * Returns an empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding every field of this value, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.runtimeMode = runtimeMode;
        b.processRunning = processRunning;
        b.paused = paused;
        b.pauseSources = pauseSources;
        b.stopRequested = stopRequested;
        b.activeModeId = activeModeId;
        b.executionLoopId = executionLoopId;
        b.planningLoopId = planningLoopId;
        b.learningLoopId = learningLoopId;
        b.loopIdsByPlane = loopIdsByPlane;
        b.compiledPlanId = compiledPlanId;
        b.compiledPlanPath = compiledPlanPath;
        b.activePlane = activePlane;
        b.activeStage = activeStage;
        b.activeNodeId = activeNodeId;
        b.activeStageKindId = activeStageKindId;
        b.activeRunId = activeRunId;
        b.activeWorkItemKind = activeWorkItemKind;
        b.activeWorkItemId = activeWorkItemId;
        b.activeRunsByPlane = activeRunsByPlane;
        b.executionStatusMarker = executionStatusMarker;
        b.planningStatusMarker = planningStatusMarker;
        b.learningStatusMarker = learningStatusMarker;
        b.statusMarkersByPlane = statusMarkersByPlane;
        b.queueDepthExecution = queueDepthExecution;
        b.queueDepthPlanning = queueDepthPlanning;
        b.queueDepthLearning = queueDepthLearning;
        b.queueDepthsByPlane = queueDepthsByPlane;
        b.lastTerminalResult = lastTerminalResult;
        b.lastStageResultPath = lastStageResultPath;
        b.currentFailureClass = currentFailureClass;
        b.troubleshootAttemptCount = troubleshootAttemptCount;
        b.mechanicAttemptCount = mechanicAttemptCount;
        b.fixCycleCount = fixCycleCount;
        b.consultantInvocations = consultantInvocations;
        b.configVersion = configVersion;
        b.watcherMode = watcherMode;
        b.lastReloadOutcome = lastReloadOutcome;
        b.lastReloadError = lastReloadError;
        b.startedAt = startedAt;
        b.activeSince = activeSince;
        b.updatedAt = updatedAt;
        return b;
    }

    /**
     * Builds a {@link RuntimeSnapshot}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private RuntimeMode runtimeMode;
        private boolean processRunning;
        private boolean paused;
        private List<PauseSource> pauseSources;
        private boolean stopRequested;
        private String activeModeId;
        private String executionLoopId;
        private String planningLoopId;
        private String learningLoopId;
        private Map<Plane, String> loopIdsByPlane;
        private String compiledPlanId;
        private String compiledPlanPath;
        private Plane activePlane;
        private StageId activeStage;
        private String activeNodeId;
        private String activeStageKindId;
        private String activeRunId;
        private WorkItemKind activeWorkItemKind;
        private String activeWorkItemId;
        private Map<Plane, ActiveRunState> activeRunsByPlane;
        private String executionStatusMarker;
        private String planningStatusMarker;
        private String learningStatusMarker;
        private Map<Plane, String> statusMarkersByPlane;
        private int queueDepthExecution;
        private int queueDepthPlanning;
        private int queueDepthLearning;
        private Map<Plane, Integer> queueDepthsByPlane;
        private String lastTerminalResult;
        private String lastStageResultPath;
        private String currentFailureClass;
        private int troubleshootAttemptCount;
        private int mechanicAttemptCount;
        private int fixCycleCount;
        private int consultantInvocations;
        private String configVersion;
        private WatcherMode watcherMode;
        private ReloadOutcome lastReloadOutcome;
        private String lastReloadError;
        private Instant startedAt;
        private Instant activeSince;
        private Instant updatedAt;

        private Builder() {
        }

        /**
         * Sets {@code runtime_mode}.
         *
         * @param runtimeMode how the runtime was started; defaults to {@code daemon}
         * @return this builder
         */
        public Builder runtimeMode(RuntimeMode runtimeMode) {
            this.runtimeMode = runtimeMode;
            return this;
        }

        /**
         * Sets {@code process_running}.
         *
         * @param processRunning whether a runtime process is running
         * @return this builder
         */
        public Builder processRunning(boolean processRunning) {
            this.processRunning = processRunning;
            return this;
        }

        /**
         * Sets {@code paused}.
         *
         * @param paused whether dispatching is paused; true exactly when {@code pauseSources} is non-empty
         * @return this builder
         */
        public Builder paused(boolean paused) {
            this.paused = paused;
            return this;
        }

        /**
         * Sets {@code pause_sources}.
         *
         * @param pauseSources who paused it, de-duplicated
         * @return this builder
         */
        public Builder pauseSources(List<PauseSource> pauseSources) {
            this.pauseSources = pauseSources;
            return this;
        }

        /**
         * Sets {@code stop_requested}.
         *
         * @param stopRequested whether a stop was requested
         * @return this builder
         */
        public Builder stopRequested(boolean stopRequested) {
            this.stopRequested = stopRequested;
            return this;
        }

        /**
         * Sets {@code active_mode_id}.
         *
         * @param activeModeId the active mode id
         * @return this builder
         */
        public Builder activeModeId(String activeModeId) {
            this.activeModeId = activeModeId;
            return this;
        }

        /**
         * Sets {@code execution_loop_id}.
         *
         * @param executionLoopId the execution loop id
         * @return this builder
         */
        public Builder executionLoopId(String executionLoopId) {
            this.executionLoopId = executionLoopId;
            return this;
        }

        /**
         * Sets {@code planning_loop_id}.
         *
         * @param planningLoopId the planning loop id
         * @return this builder
         */
        public Builder planningLoopId(String planningLoopId) {
            this.planningLoopId = planningLoopId;
            return this;
        }

        /**
         * Sets {@code learning_loop_id}.
         *
         * @param learningLoopId the learning loop id; may be null
         * @return this builder
         */
        public Builder learningLoopId(String learningLoopId) {
            this.learningLoopId = learningLoopId;
            return this;
        }

        /**
         * Sets {@code loop_ids_by_plane}.
         *
         * @param loopIdsByPlane loop id per plane
         * @return this builder
         */
        public Builder loopIdsByPlane(Map<Plane, String> loopIdsByPlane) {
            this.loopIdsByPlane = loopIdsByPlane;
            return this;
        }

        /**
         * Sets {@code compiled_plan_id}.
         *
         * @param compiledPlanId the compiled plan id ({@code bootstrap} before the first compile)
         * @return this builder
         */
        public Builder compiledPlanId(String compiledPlanId) {
            this.compiledPlanId = compiledPlanId;
            return this;
        }

        /**
         * Sets {@code compiled_plan_path}.
         *
         * @param compiledPlanPath the plan file, relative to the workspace
         * @return this builder
         */
        public Builder compiledPlanPath(String compiledPlanPath) {
            this.compiledPlanPath = compiledPlanPath;
            return this;
        }

        /**
         * Sets {@code active_plane}.
         *
         * @param activePlane legacy projection of the foreground run: its plane
         * @return this builder
         */
        public Builder activePlane(Plane activePlane) {
            this.activePlane = activePlane;
            return this;
        }

        /**
         * Sets {@code active_stage}.
         *
         * @param activeStage legacy projection: its stage
         * @return this builder
         */
        public Builder activeStage(StageId activeStage) {
            this.activeStage = activeStage;
            return this;
        }

        /**
         * Sets {@code active_node_id}.
         *
         * @param activeNodeId legacy projection: its node
         * @return this builder
         */
        public Builder activeNodeId(String activeNodeId) {
            this.activeNodeId = activeNodeId;
            return this;
        }

        /**
         * Sets {@code active_stage_kind_id}.
         *
         * @param activeStageKindId legacy projection: its stage kind
         * @return this builder
         */
        public Builder activeStageKindId(String activeStageKindId) {
            this.activeStageKindId = activeStageKindId;
            return this;
        }

        /**
         * Sets {@code active_run_id}.
         *
         * @param activeRunId legacy projection: its run id
         * @return this builder
         */
        public Builder activeRunId(String activeRunId) {
            this.activeRunId = activeRunId;
            return this;
        }

        /**
         * Sets {@code active_work_item_kind}.
         *
         * @param activeWorkItemKind legacy projection: its work item kind
         * @return this builder
         */
        public Builder activeWorkItemKind(WorkItemKind activeWorkItemKind) {
            this.activeWorkItemKind = activeWorkItemKind;
            return this;
        }

        /**
         * Sets {@code active_work_item_id}.
         *
         * @param activeWorkItemId legacy projection: its work item id
         * @return this builder
         */
        public Builder activeWorkItemId(String activeWorkItemId) {
            this.activeWorkItemId = activeWorkItemId;
            return this;
        }

        /**
         * Sets {@code active_runs_by_plane}.
         *
         * @param activeRunsByPlane the canonical active runs, one per plane at most
         * @return this builder
         */
        public Builder activeRunsByPlane(Map<Plane, ActiveRunState> activeRunsByPlane) {
            this.activeRunsByPlane = activeRunsByPlane;
            return this;
        }

        /**
         * Sets {@code execution_status_marker}.
         *
         * @param executionStatusMarker the execution status marker
         * @return this builder
         */
        public Builder executionStatusMarker(String executionStatusMarker) {
            this.executionStatusMarker = executionStatusMarker;
            return this;
        }

        /**
         * Sets {@code planning_status_marker}.
         *
         * @param planningStatusMarker the planning status marker
         * @return this builder
         */
        public Builder planningStatusMarker(String planningStatusMarker) {
            this.planningStatusMarker = planningStatusMarker;
            return this;
        }

        /**
         * Sets {@code learning_status_marker}.
         *
         * @param learningStatusMarker the learning status marker; defaults to {@code ### IDLE}
         * @return this builder
         */
        public Builder learningStatusMarker(String learningStatusMarker) {
            this.learningStatusMarker = learningStatusMarker;
            return this;
        }

        /**
         * Sets {@code status_markers_by_plane}.
         *
         * @param statusMarkersByPlane status marker per plane
         * @return this builder
         */
        public Builder statusMarkersByPlane(Map<Plane, String> statusMarkersByPlane) {
            this.statusMarkersByPlane = statusMarkersByPlane;
            return this;
        }

        /**
         * Sets {@code queue_depth_execution}.
         *
         * @param queueDepthExecution queued execution items
         * @return this builder
         */
        public Builder queueDepthExecution(int queueDepthExecution) {
            this.queueDepthExecution = queueDepthExecution;
            return this;
        }

        /**
         * Sets {@code queue_depth_planning}.
         *
         * @param queueDepthPlanning queued planning items
         * @return this builder
         */
        public Builder queueDepthPlanning(int queueDepthPlanning) {
            this.queueDepthPlanning = queueDepthPlanning;
            return this;
        }

        /**
         * Sets {@code queue_depth_learning}.
         *
         * @param queueDepthLearning queued learning items
         * @return this builder
         */
        public Builder queueDepthLearning(int queueDepthLearning) {
            this.queueDepthLearning = queueDepthLearning;
            return this;
        }

        /**
         * Sets {@code queue_depths_by_plane}.
         *
         * @param queueDepthsByPlane queue depth per plane
         * @return this builder
         */
        public Builder queueDepthsByPlane(Map<Plane, Integer> queueDepthsByPlane) {
            this.queueDepthsByPlane = queueDepthsByPlane;
            return this;
        }

        /**
         * Sets {@code last_terminal_result}.
         *
         * @param lastTerminalResult the last terminal result token; may be null
         * @return this builder
         */
        public Builder lastTerminalResult(String lastTerminalResult) {
            this.lastTerminalResult = lastTerminalResult;
            return this;
        }

        /**
         * Sets {@code last_stage_result_path}.
         *
         * @param lastStageResultPath the last stage result file, relative to the workspace; may be null
         * @return this builder
         */
        public Builder lastStageResultPath(String lastStageResultPath) {
            this.lastStageResultPath = lastStageResultPath;
            return this;
        }

        /**
         * Sets {@code current_failure_class}.
         *
         * @param currentFailureClass the failure class being recovered; may be null
         * @return this builder
         */
        public Builder currentFailureClass(String currentFailureClass) {
            this.currentFailureClass = currentFailureClass;
            return this;
        }

        /**
         * Sets {@code troubleshoot_attempt_count}.
         *
         * @param troubleshootAttemptCount troubleshooter runs of the current activation
         * @return this builder
         */
        public Builder troubleshootAttemptCount(int troubleshootAttemptCount) {
            this.troubleshootAttemptCount = troubleshootAttemptCount;
            return this;
        }

        /**
         * Sets {@code mechanic_attempt_count}.
         *
         * @param mechanicAttemptCount mechanic runs of the current activation
         * @return this builder
         */
        public Builder mechanicAttemptCount(int mechanicAttemptCount) {
            this.mechanicAttemptCount = mechanicAttemptCount;
            return this;
        }

        /**
         * Sets {@code fix_cycle_count}.
         *
         * @param fixCycleCount fix cycles of the current activation
         * @return this builder
         */
        public Builder fixCycleCount(int fixCycleCount) {
            this.fixCycleCount = fixCycleCount;
            return this;
        }

        /**
         * Sets {@code consultant_invocations}.
         *
         * @param consultantInvocations consultant runs of the current activation
         * @return this builder
         */
        public Builder consultantInvocations(int consultantInvocations) {
            this.consultantInvocations = consultantInvocations;
            return this;
        }

        /**
         * Sets {@code config_version}.
         *
         * @param configVersion the configuration fingerprint; defaults to {@code bootstrap}
         * @return this builder
         */
        public Builder configVersion(String configVersion) {
            this.configVersion = configVersion;
            return this;
        }

        /**
         * Sets {@code watcher_mode}.
         *
         * @param watcherMode the watcher mode; defaults to {@code off}
         * @return this builder
         */
        public Builder watcherMode(WatcherMode watcherMode) {
            this.watcherMode = watcherMode;
            return this;
        }

        /**
         * Sets {@code last_reload_outcome}.
         *
         * @param lastReloadOutcome the last reload outcome; may be null
         * @return this builder
         */
        public Builder lastReloadOutcome(ReloadOutcome lastReloadOutcome) {
            this.lastReloadOutcome = lastReloadOutcome;
            return this;
        }

        /**
         * Sets {@code last_reload_error}.
         *
         * @param lastReloadError the last reload error; may be null
         * @return this builder
         */
        public Builder lastReloadError(String lastReloadError) {
            this.lastReloadError = lastReloadError;
            return this;
        }

        /**
         * Sets {@code started_at}.
         *
         * @param startedAt when the runtime started; may be null
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /**
         * Sets {@code active_since}.
         *
         * @param activeSince when the foreground run became active; may be null
         * @return this builder
         */
        public Builder activeSince(Instant activeSince) {
            this.activeSince = activeSince;
            return this;
        }

        /**
         * Sets {@code updated_at}.
         *
         * @param updatedAt when the snapshot was written
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public RuntimeSnapshot build() {
            return new RuntimeSnapshot(runtimeMode, processRunning, paused, pauseSources, stopRequested, activeModeId, executionLoopId, planningLoopId, learningLoopId, loopIdsByPlane, compiledPlanId, compiledPlanPath, activePlane, activeStage, activeNodeId, activeStageKindId, activeRunId, activeWorkItemKind, activeWorkItemId, activeRunsByPlane, executionStatusMarker, planningStatusMarker, learningStatusMarker, statusMarkersByPlane, queueDepthExecution, queueDepthPlanning, queueDepthLearning, queueDepthsByPlane, lastTerminalResult, lastStageResultPath, currentFailureClass, troubleshootAttemptCount, mechanicAttemptCount, fixCycleCount, consultantInvocations, configVersion, watcherMode, lastReloadOutcome, lastReloadError, startedAt, activeSince, updatedAt);
        }
    }
}
