package ai.millrace.core.internal.engine;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphLoopCounterName;
import ai.millrace.api.asset.GraphLoopEntryKey;
import ai.millrace.api.asset.GraphLoopTerminalClass;
import ai.millrace.api.asset.ResumePolicy;
import ai.millrace.api.asset.TerminalState;
import ai.millrace.api.asset.ThresholdPolicy;
import ai.millrace.api.plan.CompiledEntry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.CompiledTransition;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides what happens after a stage result, from the compiled plan alone.
 *
 * <p>The order follows the original: threshold policies first (fix cycles against the
 * activation's count; blocked attempts against the recovery counters of the item and failure
 * class), then resume policies, then the first compiled transition for (node, outcome). A
 * transition into a terminal state becomes {@code idle}, {@code handoff} or {@code blocked} by the
 * terminal state's class, so custom loops route by the same rules as the built-in ones.
 *
 * <p>Thresholds are the ones frozen into the plan: the plan is the authority for the whole run,
 * and unlike the original the router never fails because the live configuration moved since the
 * plan was compiled. Stateless and thread-safe.
 */
public final class GraphRouter {

    /**
     * Routes one result.
     *
     * @param plan the compiled plan
     * @param snapshot the snapshot holding the active run of the result's plane
     * @param counters the recovery counters
     * @param result the normalized result
     * @return the decision
     * @throws IllegalStateException when the result does not belong to the plane's active run or
     *     the plan has no transition for it (the runtime turns this into a runtime-error recovery)
     */
    public RouterDecision route(CompiledRunPlan plan, RuntimeSnapshot snapshot, RecoveryCounters counters,
            StageResultEnvelope result) {
        Plane plane = result.plane();
        FrozenGraphPlanePlan graph = plan.graph(plane);
        if (graph == null) {
            throw new IllegalStateException("compiled plan has no " + plane + " graph");
        }
        ActiveRunState run = snapshot.activeRun(plane);
        checkMatches(run, result);
        MaterializedGraphNodePlan node = node(graph, result.nodeId());
        TerminalResult outcome = result.terminalResult();
        String stage = result.stage().value();
        boolean closure = run.requestKind() == RequestKind.CLOSURE_TARGET;

        if (plane == Plane.LEARNING) {
            return plainTransition(plan, graph, node, outcome, stage, null, null);
        }

        String failureClass = resolveFailureClass(result, snapshot);
        String counterKey = null;
        // 1. Threshold policies on this node and outcome.
        for (ThresholdPolicy policy : graph.compiledThresholdPolicies()) {
            if (!policy.sourceNodeIds().contains(node.nodeId()) || !policy.onOutcome().equals(outcome)) {
                continue;
            }
            String fc = failureClass != null ? failureClass : defaultFailureClass(policy.counterName(), stage);
            int count = counterValue(policy.counterName(), snapshot, counters, run, fc);
            if (count >= policy.threshold()) {
                return exhausted(plan, graph, policy, stage, fc, closure ? null : counterKey(run, fc));
            }
        }
        // Outcomes that feed a recovery lineage carry a failure class and counter key forward.
        if (outcome.equals(TerminalResult.BLOCKED)) {
            failureClass = failureClass != null ? failureClass : stage + "_blocked";
            counterKey = closure ? null : counterKey(run, failureClass);
        }
        // 2. Resume policies.
        for (ResumePolicy policy : graph.compiledResumePolicies()) {
            if (policy.sourceNodeId().equals(node.nodeId()) && policy.onOutcome().equals(outcome)) {
                MaterializedGraphNodePlan target = resumeTarget(graph, policy, result);
                return runStage(plane, target, resumeReason(stage, outcome), null, null);
            }
        }
        // 3. The first compiled transition.
        return plainTransition(plan, graph, node, outcome, stage, failureClass, counterKey);
    }

    private RouterDecision plainTransition(CompiledRunPlan plan, FrozenGraphPlanePlan graph,
            MaterializedGraphNodePlan node, TerminalResult outcome, String stage, String failureClass,
            String counterKey) {
        CompiledTransition transition = graph.compiledTransitions().stream()
                .filter(t -> t.sourceNodeId().equals(node.nodeId()) && t.outcome().equals(outcome))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "compiled graph is missing transition for " + node.nodeId() + ":" + outcome));
        boolean blocked = outcome.equals(TerminalResult.BLOCKED);
        if (transition.targetNodeId() != null) {
            String reason = blocked ? stage + "_blocked"
                    : outcome.equals(TerminalResult.FIX_NEEDED) ? "fix_needed" : stage + ":" + outcome;
            return runStage(graph.plane(), node(graph, transition.targetNodeId()), reason,
                    blocked ? failureClass : null, blocked ? counterKey : null);
        }
        return terminal(plan, graph, terminalState(graph, transition.terminalStateId()), stage, outcome, failureClass,
                null);
    }

    private RouterDecision terminal(CompiledRunPlan plan, FrozenGraphPlanePlan graph, TerminalState state,
            String stage, TerminalResult outcome, String failureClass, String exhaustedSuffix) {
        Plane plane = graph.plane();
        GraphLoopTerminalClass terminalClass = state.terminalClass();
        if (plane == Plane.LEARNING) {
            return terminalClass == GraphLoopTerminalClass.BLOCKED
                    ? decision(RouterAction.BLOCKED, stage + "_blocked", null, null, false)
                    : decision(RouterAction.IDLE, stage + ":" + outcome, null, null, false);
        }
        switch (terminalClass) {
            case SUCCESS:
                return decision(RouterAction.IDLE, stage + "_complete", null, null, false);
            case BLOCKED:
                String fc = failureClass != null ? failureClass : stage + "_blocked";
                return decision(RouterAction.BLOCKED,
                        stage + "_blocked" + (exhaustedSuffix == null ? "" : ":" + exhaustedSuffix), fc, null, false);
            case ESCALATE_PLANNING:
                return handoff(plan, stage + "_needs_planning", failureClass);
            case FOLLOWUP_NEEDED:
                return handoff(plan, stage + "_remediation_needed", stage + "_parity_gap");
            default:
                throw new AssertionError(terminalClass);
        }
    }

    private RouterDecision handoff(CompiledRunPlan plan, String reason, String failureClass) {
        FrozenGraphPlanePlan planning = plan.graph(Plane.PLANNING);
        CompiledEntry entry = planning.compiledEntries().stream()
                .filter(e -> e.entryKey() == GraphLoopEntryKey.INCIDENT).findFirst().orElse(null);
        return new RouterDecision(RouterAction.HANDOFF, Plane.PLANNING,
                entry == null ? null : StageId.of(entry.stageKindId()), reason,
                entry == null ? null : entry.nodeId(), entry == null ? null : entry.stageKindId(), failureClass, null,
                true);
    }

    private RouterDecision exhausted(CompiledRunPlan plan, FrozenGraphPlanePlan graph, ThresholdPolicy policy,
            String stage, String failureClass, String counterKey) {
        String reason = policy.counterName() == GraphLoopCounterName.FIX_CYCLE_COUNT ? "fix_cycle_exhausted"
                : stage + "_blocked";
        if (policy.exhaustedTargetNodeId() != null) {
            return runStage(graph.plane(), node(graph, policy.exhaustedTargetNodeId()), reason, failureClass, counterKey);
        }
        String suffix = exhaustedSuffix(policy.counterName());
        RouterDecision d = terminal(plan, graph, terminalState(graph, policy.exhaustedTerminalStateId()), stage,
                policy.onOutcome(), failureClass, suffix);
        return new RouterDecision(d.action(), d.nextPlane(), d.nextStage(), d.reason(), d.nextNodeId(),
                d.nextStageKindId(), d.failureClass(), counterKey, d.createIncident());
    }

    private static String exhaustedSuffix(GraphLoopCounterName counter) {
        switch (counter) {
            case MECHANIC_ATTEMPT_COUNT:
                return "mechanic_attempts_exhausted";
            case TROUBLESHOOT_ATTEMPT_COUNT:
                return "troubleshoot_attempts_exhausted";
            case FIX_CYCLE_COUNT:
                return "fix_cycles_exhausted";
            default:
                throw new AssertionError(counter);
        }
    }

    private static String defaultFailureClass(GraphLoopCounterName counter, String stage) {
        return counter == GraphLoopCounterName.FIX_CYCLE_COUNT ? "fix_cycle_exhausted" : stage + "_blocked";
    }

    private static int counterValue(GraphLoopCounterName counter, RuntimeSnapshot snapshot, RecoveryCounters counters,
            ActiveRunState run, String failureClass) {
        if (counter == GraphLoopCounterName.FIX_CYCLE_COUNT) {
            return snapshot.fixCycleCount();
        }
        if (run.workItemKind() == null) {
            return 0;
        }
        for (RecoveryCounterEntry entry : counters.entries()) {
            if (entry.workItemKind() == run.workItemKind() && entry.workItemId().equals(run.workItemId())
                    && FailureClasses.normalize(entry.failureClass()).equals(failureClass)) {
                return counter == GraphLoopCounterName.TROUBLESHOOT_ATTEMPT_COUNT
                        ? entry.troubleshootAttemptCount() : entry.mechanicAttemptCount();
            }
        }
        return 0;
    }

    private static String counterKey(ActiveRunState run, String failureClass) {
        return run.workItemKind() == null ? null
                : run.workItemKind().wireName() + ":" + run.workItemId() + ":" + failureClass;
    }

    private static String resolveFailureClass(StageResultEnvelope result, RuntimeSnapshot snapshot) {
        Object fromResult = result.metadata().get("failure_class");
        if (FailureClasses.present(fromResult)) {
            return FailureClasses.normalize((String) fromResult);
        }
        if (FailureClasses.present(snapshot.currentFailureClass())) {
            return FailureClasses.normalize(snapshot.currentFailureClass());
        }
        return null;
    }

    private static String resumeReason(String stage, TerminalResult outcome) {
        switch (stage) {
            case "troubleshooter":
                return "troubleshoot_complete";
            case "consultant":
                return "consultant_local_recovery";
            case "mechanic":
                return "mechanic_complete";
            default:
                return stage + ":" + outcome;
        }
    }

    private static MaterializedGraphNodePlan resumeTarget(FrozenGraphPlanePlan graph, ResumePolicy policy,
            StageResultEnvelope result) {
        for (String key : policy.metadataStageKeys()) {
            Object value = result.metadata().get(key);
            if (value instanceof String) {
                String candidate = ((String) value).strip().toLowerCase(Locale.ROOT);
                if (!policy.disallowedTargetNodeIds().contains(candidate)) {
                    for (MaterializedGraphNodePlan n : graph.nodes()) {
                        if (n.nodeId().equals(candidate)) {
                            return n;
                        }
                    }
                }
            }
        }
        return node(graph, policy.defaultTargetNodeId());
    }

    private static RouterDecision runStage(Plane plane, MaterializedGraphNodePlan target, String reason,
            String failureClass, String counterKey) {
        return new RouterDecision(RouterAction.RUN_STAGE, plane, StageId.of(target.stageKindId()), reason,
                target.nodeId(), target.stageKindId(), failureClass, counterKey, false);
    }

    private static RouterDecision decision(RouterAction action, String reason, String failureClass, String counterKey,
            boolean incident) {
        return new RouterDecision(action, null, null, reason, null, null, failureClass, counterKey, incident);
    }

    private static MaterializedGraphNodePlan node(FrozenGraphPlanePlan graph, String nodeId) {
        for (MaterializedGraphNodePlan n : graph.nodes()) {
            if (n.nodeId().equals(nodeId)) {
                return n;
            }
        }
        throw new IllegalStateException("compiled " + graph.plane() + " graph has no node " + nodeId);
    }

    private static TerminalState terminalState(FrozenGraphPlanePlan graph, String id) {
        for (TerminalState s : graph.terminalStates()) {
            if (s.terminalStateId().equals(id)) {
                return s;
            }
        }
        throw new IllegalStateException("compiled " + graph.plane() + " graph has no terminal state " + id);
    }

    private static void checkMatches(ActiveRunState run, StageResultEnvelope result) {
        if (run == null) {
            throw new IllegalStateException("no active " + result.plane() + " run for the result of " + result.stage());
        }
        List<String> problems = new java.util.ArrayList<>();
        if (!run.stage().equals(result.stage())) {
            problems.add("stage " + run.stage() + " != " + result.stage());
        }
        if (!run.nodeId().equals(result.nodeId())) {
            problems.add("node " + run.nodeId() + " != " + result.nodeId());
        }
        if (!run.stageKindId().equals(result.stageKindId())) {
            problems.add("stage kind " + run.stageKindId() + " != " + result.stageKindId());
        }
        if (!run.runId().equals(result.runId())) {
            problems.add("run " + run.runId() + " != " + result.runId());
        }
        if (run.requestKind() == RequestKind.CLOSURE_TARGET) {
            if (!Objects.equals(run.closureTargetRootSpecId(), result.workItemId())
                    || !Objects.equals(result.metadata().get("closure_target_root_spec_id"), result.workItemId())) {
                problems.add("closure target " + run.closureTargetRootSpecId() + " != " + result.workItemId());
            }
        } else if (run.workItemKind() != result.workItemKind() || !run.workItemId().equals(result.workItemId())) {
            problems.add("work item " + run.workItemKind() + " " + run.workItemId() + " != " + result.workItemKind() + " "
                    + result.workItemId());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("stage result does not match the active " + result.plane() + " run: "
                    + String.join("; ", problems));
        }
    }
}
