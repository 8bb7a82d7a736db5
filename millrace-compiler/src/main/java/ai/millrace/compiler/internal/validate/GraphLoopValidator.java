package ai.millrace.compiler.internal.validate;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.CompletionBehavior;
import ai.millrace.api.asset.GraphEdge;
import ai.millrace.api.asset.GraphEntry;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.GraphLoopEdgeKind;
import ai.millrace.api.asset.GraphNode;
import ai.millrace.api.asset.ResumePolicy;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.asset.TerminalState;
import ai.millrace.api.asset.ThresholdPolicy;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.TerminalTransitions;
import ai.millrace.compiler.internal.assets.AssetPaths;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one graph loop (spec 01 section 3.3) against the stage kinds it uses, and what the
 * original did not check: every node is reachable, and every terminal transition is one the
 * runtime can apply ({@link TerminalTransitions}). Messages name the loop and the node, edge or
 * policy. Stateless.
 */
public final class GraphLoopValidator {
    private static final Set<String> NODE_OVERRIDES = Set.of(
            "entrypoint_path", "runner_name", "model_name", "timeout_seconds", "attached_skill_additions");

    private GraphLoopValidator() {
    }

    /**
     * Validates a graph loop.
     *
     * @param asset the loop and its origin
     * @param stageKinds every known stage kind by id
     * @throws CompileException with the code of the first problem found
     */
    public static void validate(LoadedAsset<GraphLoopDefinition> asset, Map<String, StageKindDefinition> stageKinds) {
        GraphLoopDefinition g = asset.definition();
        String loop = "Graph loop " + g.loopId();
        structure(g, asset.origin(), loop);
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        g.nodes().forEach(n -> nodes.put(n.nodeId(), n));
        Map<String, TerminalState> terminals = new LinkedHashMap<>();
        g.terminalStates().forEach(t -> terminals.put(t.terminalStateId(), t));
        references(g, loop, nodes, terminals);
        Map<String, StageKindDefinition> kindByNode = stageKinds(g, loop, stageKinds);
        outcomes(g, loop, kindByNode);
        terminalTransitions(g, loop, kindByNode, terminals);
        reachability(g, loop, nodes);
    }

    private static void structure(GraphLoopDefinition g, String origin, String loop) {
        if (!Ids.canonical(g.loopId())) {
            throw invalid(origin, "loop_id '" + g.loopId() + "' must be a lower-case canonical id such as 'execution.standard'");
        }
        if (g.nodes().isEmpty() || g.edges().isEmpty() || g.entryNodes().isEmpty() || g.terminalStates().isEmpty()) {
            throw invalid(origin, "nodes, edges, entry_nodes and terminal_states each need at least one element");
        }
        Set<String> ids = new HashSet<>();
        for (GraphNode n : g.nodes()) {
            if (!Ids.canonical(n.nodeId()) || !Ids.canonical(n.stageKindId())) {
                throw invalid(origin, "node '" + n.nodeId() + "' must have lower-case canonical node_id and stage_kind_id");
            }
            if (!ids.add(n.nodeId())) {
                throw invalid(origin, "node id " + n.nodeId() + " is declared twice");
            }
            if (n.entrypointPath() != null) {
                path(loop, n.nodeId(), "entrypoint_path", n.entrypointPath(), AssetPaths.ENTRYPOINTS);
            }
            for (String skill : n.attachedSkillAdditions()) {
                path(loop, n.nodeId(), "attached_skill_additions", skill, AssetPaths.SKILLS);
            }
            if (n.timeoutSeconds() != null && n.timeoutSeconds() < 1) {
                throw invalid(origin, "node " + n.nodeId() + " timeout_seconds must be at least 1");
            }
        }
        Set<String> terminalIds = new HashSet<>();
        for (TerminalState t : g.terminalStates()) {
            if (!Ids.canonical(t.terminalStateId()) || !terminalIds.add(t.terminalStateId())) {
                throw invalid(origin, "terminal state id '" + t.terminalStateId() + "' must be canonical and unique");
            }
            t.emitsArtifacts().stream().filter(a -> !Ids.canonical(a)).findFirst().ifPresent(a -> {
                throw invalid(origin, "terminal state " + t.terminalStateId() + " artifact '" + a + "' must be canonical");
            });
        }
        Set<Object> entryKeys = new HashSet<>();
        for (GraphEntry e : g.entryNodes()) {
            if (!entryKeys.add(e.entryKey())) {
                throw invalid(origin, "entry key " + e.entryKey() + " is declared twice");
            }
        }
        Set<String> edgeIds = new HashSet<>();
        for (GraphEdge e : g.edges()) {
            if (!Ids.canonical(e.edgeId()) || !edgeIds.add(e.edgeId())) {
                throw invalid(origin, "edge id '" + e.edgeId() + "' must be canonical and unique");
            }
            if ((e.toNodeId() == null) == (e.terminalStateId() == null)) {
                throw invalid(origin, "edge " + e.edgeId() + " needs exactly one of to_node_id and terminal_state_id");
            }
            if (e.kind() == GraphLoopEdgeKind.TERMINAL && e.terminalStateId() == null) {
                throw invalid(origin, "edge " + e.edgeId() + " is of kind terminal and needs terminal_state_id");
            }
            if ((e.kind() == GraphLoopEdgeKind.RETRY) != (e.maxAttempts() != null)) {
                throw invalid(origin, "edge " + e.edgeId() + ": max_attempts is required on retry edges and allowed only there");
            }
            if (e.maxAttempts() != null && e.maxAttempts() < 1) {
                throw invalid(origin, "edge " + e.edgeId() + " max_attempts must be at least 1");
            }
            if (e.onOutcomes().isEmpty() || Ids.firstDuplicate(e.onOutcomes()).isPresent()) {
                throw invalid(origin, "edge " + e.edgeId() + " on_outcomes must list distinct outcomes, at least one");
            }
        }
        Set<String> policyIds = new HashSet<>();
        for (ResumePolicy p : resume(g)) {
            if (!Ids.canonical(p.policyId()) || !policyIds.add(p.policyId())) {
                throw invalid(origin, "policy id '" + p.policyId() + "' must be canonical and unique");
            }
        }
        for (ThresholdPolicy p : threshold(g)) {
            if (!Ids.canonical(p.policyId()) || !policyIds.add(p.policyId())) {
                throw invalid(origin, "policy id '" + p.policyId() + "' must be canonical and unique");
            }
            if (p.threshold() < 1 || p.sourceNodeIds().isEmpty()) {
                throw invalid(origin, "threshold policy " + p.policyId() + " needs threshold >= 1 and at least one source node");
            }
            if ((p.exhaustedTargetNodeId() == null) == (p.exhaustedTerminalStateId() == null)) {
                throw invalid(origin, "threshold policy " + p.policyId()
                        + " needs exactly one of exhausted_target_node_id and exhausted_terminal_state_id");
            }
        }
        CompletionBehavior c = g.completionBehavior();
        if (c != null) {
            literal(origin, "trigger", c.trigger(), "backlog_drained");
            literal(origin, "readiness_rule", c.readinessRule(), "no_open_lineage_work");
            literal(origin, "request_kind", c.requestKind(), "closure_target");
            literal(origin, "target_selector", c.targetSelector(), "active_closure_target");
            literal(origin, "rubric_policy", c.rubricPolicy(), "reuse_or_create");
            literal(origin, "blocked_work_policy", c.blockedWorkPolicy(), "suppress");
            if (c.onPassTerminalStateId().equals(c.onGapTerminalStateId())) {
                throw invalid(origin, "completion_behavior on_pass_terminal_state_id and on_gap_terminal_state_id must differ");
            }
        }
    }

    private static void references(GraphLoopDefinition g, String loop, Map<String, GraphNode> nodes,
            Map<String, TerminalState> terminals) {
        for (GraphEntry e : g.entryNodes()) {
            node(loop, "entry " + e.entryKey(), e.nodeId(), nodes);
        }
        for (GraphEdge e : g.edges()) {
            node(loop, "edge " + e.edgeId() + " source", e.fromNodeId(), nodes);
            if (e.toNodeId() != null) {
                node(loop, "edge " + e.edgeId() + " target", e.toNodeId(), nodes);
            } else {
                terminal(loop, "edge " + e.edgeId() + " target", e.terminalStateId(), terminals);
            }
        }
        for (ResumePolicy p : resume(g)) {
            node(loop, "resume policy " + p.policyId() + " source", p.sourceNodeId(), nodes);
            node(loop, "resume policy " + p.policyId() + " default target", p.defaultTargetNodeId(), nodes);
            for (String d : p.disallowedTargetNodeIds()) {
                node(loop, "resume policy " + p.policyId() + " disallowed target", d, nodes);
            }
        }
        for (ThresholdPolicy p : threshold(g)) {
            for (String s : p.sourceNodeIds()) {
                node(loop, "threshold policy " + p.policyId() + " source", s, nodes);
            }
            if (p.exhaustedTargetNodeId() != null) {
                node(loop, "threshold policy " + p.policyId() + " exhausted target", p.exhaustedTargetNodeId(), nodes);
            } else {
                terminal(loop, "threshold policy " + p.policyId() + " exhausted target", p.exhaustedTerminalStateId(), terminals);
            }
        }
        CompletionBehavior c = g.completionBehavior();
        if (c != null) {
            node(loop, "completion behavior target", c.targetNodeId(), nodes);
            terminal(loop, "completion behavior on_pass", c.onPassTerminalStateId(), terminals);
            terminal(loop, "completion behavior on_gap", c.onGapTerminalStateId(), terminals);
        }
    }

    private static Map<String, StageKindDefinition> stageKinds(GraphLoopDefinition g, String loop,
            Map<String, StageKindDefinition> stageKinds) {
        Map<String, StageKindDefinition> byNode = new LinkedHashMap<>();
        for (GraphNode n : g.nodes()) {
            StageKindDefinition kind = stageKinds.get(n.stageKindId());
            if (kind == null) {
                throw new CompileException(CompileErrorCode.UNKNOWN_STAGE_KIND, loop + " node " + n.nodeId()
                        + " references unknown stage_kind_id " + n.stageKindId() + " (known: " + stageKinds.keySet() + ")");
            }
            if (kind.plane() != g.plane()) {
                throw new CompileException(CompileErrorCode.PLANE_MISMATCH, loop + " node " + n.nodeId()
                        + " uses stage kind " + kind.stageKindId() + " from plane " + kind.plane()
                        + " in a " + g.plane() + " loop");
            }
            List<String> declared = new ArrayList<>();
            if (n.entrypointPath() != null) {
                declared.add("entrypoint_path");
            }
            if (!n.attachedSkillAdditions().isEmpty()) {
                declared.add("attached_skill_additions");
            }
            if (n.runnerName() != null) {
                declared.add("runner_name");
            }
            if (n.modelName() != null) {
                declared.add("model_name");
            }
            if (n.timeoutSeconds() != null) {
                declared.add("timeout_seconds");
            }
            declared.removeIf(o -> NODE_OVERRIDES.contains(o) && kind.allowedOverrides().contains(o));
            if (!declared.isEmpty()) {
                throw new CompileException(CompileErrorCode.UNSUPPORTED_OVERRIDE, loop + " node " + n.nodeId()
                        + " declares unsupported overrides for stage kind " + kind.stageKindId() + ": "
                        + String.join(", ", declared) + " (allowed: " + kind.allowedOverrides() + ")");
            }
            byNode.put(n.nodeId(), kind);
        }
        CompletionBehavior c = g.completionBehavior();
        if (c != null && !byNode.get(c.targetNodeId()).closureRole()) {
            throw new CompileException(CompileErrorCode.NON_CLOSURE_COMPLETION_TARGET, loop
                    + " completion behavior targets non-closure stage kind " + byNode.get(c.targetNodeId()).stageKindId()
                    + " (node " + c.targetNodeId() + "); only a stage kind with closure_role=true can close a lineage");
        }
        return byNode;
    }

    private static void outcomes(GraphLoopDefinition g, String loop, Map<String, StageKindDefinition> kindByNode) {
        for (GraphEdge e : g.edges()) {
            for (TerminalResult o : e.onOutcomes()) {
                legal(loop + " edge " + e.edgeId(), o, kindByNode.get(e.fromNodeId()));
            }
        }
        for (ResumePolicy p : resume(g)) {
            legal(loop + " resume policy " + p.policyId(), p.onOutcome(), kindByNode.get(p.sourceNodeId()));
        }
        for (ThresholdPolicy p : threshold(g)) {
            for (String s : p.sourceNodeIds()) {
                legal(loop + " threshold policy " + p.policyId() + " (source " + s + ")", p.onOutcome(), kindByNode.get(s));
            }
        }
    }

    private static void terminalTransitions(GraphLoopDefinition g, String loop, Map<String, StageKindDefinition> kindByNode,
            Map<String, TerminalState> terminals) {
        for (GraphEdge e : g.edges()) {
            if (e.terminalStateId() == null) {
                continue;
            }
            StageKindDefinition kind = kindByNode.get(e.fromNodeId());
            TerminalState state = terminals.get(e.terminalStateId());
            for (TerminalResult o : e.onOutcomes()) {
                if (TerminalTransitions.actionFor(g.plane(), kind.stageKindId(), o, state.terminalClass(),
                        kind.closureRole()).isEmpty()) {
                    throw new CompileException(CompileErrorCode.UNSUPPORTED_TERMINAL_TRANSITION, loop + " edge "
                            + e.edgeId() + " leads " + e.fromNodeId() + " on " + o + " into terminal state "
                            + state.terminalStateId() + " (" + state.terminalClass() + "), which the " + g.plane()
                            + " runtime cannot apply; route it to a node, or see TerminalTransitions for what is supported");
                }
            }
        }
        for (ThresholdPolicy p : threshold(g)) {
            if (p.exhaustedTerminalStateId() != null) {
                TerminalState state = terminals.get(p.exhaustedTerminalStateId());
                if (TerminalTransitions.exhaustedActionFor(state.terminalClass()).isEmpty()) {
                    throw new CompileException(CompileErrorCode.UNSUPPORTED_TERMINAL_TRANSITION, loop
                            + " threshold policy " + p.policyId() + " exhausts into terminal state "
                            + state.terminalStateId() + " (" + state.terminalClass()
                            + "); an exhausted threshold can only end in a blocked terminal state");
                }
            }
        }
    }

    private static void reachability(GraphLoopDefinition g, String loop, Map<String, GraphNode> nodes) {
        Map<String, Set<String>> next = new LinkedHashMap<>();
        nodes.keySet().forEach(n -> next.put(n, new LinkedHashSet<>()));
        for (GraphEdge e : g.edges()) {
            if (e.toNodeId() != null) {
                next.get(e.fromNodeId()).add(e.toNodeId());
            }
        }
        for (ResumePolicy p : resume(g)) {
            next.get(p.sourceNodeId()).add(p.defaultTargetNodeId());
        }
        for (ThresholdPolicy p : threshold(g)) {
            if (p.exhaustedTargetNodeId() != null) {
                p.sourceNodeIds().forEach(s -> next.get(s).add(p.exhaustedTargetNodeId()));
            }
        }
        Deque<String> todo = new ArrayDeque<>();
        g.entryNodes().forEach(e -> todo.add(e.nodeId()));
        if (g.completionBehavior() != null) {
            todo.add(g.completionBehavior().targetNodeId());
        }
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (seen.add(n)) {
                todo.addAll(next.get(n));
            }
        }
        for (String n : nodes.keySet()) {
            if (!seen.contains(n)) {
                throw new CompileException(CompileErrorCode.UNREACHABLE_NODE, loop + " node " + n
                        + " is unreachable: no entry, edge, resume default or threshold exhaustion leads to it from the"
                        + " entry nodes " + g.entryNodes().stream().map(GraphEntry::nodeId).toList()
                        + (g.completionBehavior() != null ? " or the completion target" : "")
                        + "; connect it or remove it");
            }
        }
    }

    private static void legal(String what, TerminalResult outcome, StageKindDefinition kind) {
        if (!kind.legalOutcomes().contains(outcome)) {
            throw new CompileException(CompileErrorCode.ILLEGAL_OUTCOME, what + " declares illegal outcome " + outcome
                    + " for stage kind " + kind.stageKindId() + " (legal: " + kind.legalOutcomes() + ")");
        }
    }

    private static void node(String loop, String what, String id, Map<String, GraphNode> nodes) {
        if (id == null || !nodes.containsKey(id)) {
            throw new CompileException(CompileErrorCode.DANGLING_REFERENCE, loop + " " + what
                    + " references node " + id + ", which the loop does not declare (nodes: " + nodes.keySet() + ")");
        }
    }

    private static void terminal(String loop, String what, String id, Map<String, TerminalState> terminals) {
        if (id == null || !terminals.containsKey(id)) {
            throw new CompileException(CompileErrorCode.DANGLING_REFERENCE, loop + " " + what + " references terminal state "
                    + id + ", which the loop does not declare (terminal states: " + terminals.keySet() + ")");
        }
    }

    private static void path(String loop, String node, String field, String value, String prefix) {
        AssetPaths.problem(value, prefix).ifPresent(reason -> {
            throw new CompileException(CompileErrorCode.INVALID_ASSET_PATH,
                    loop + " node " + node + " " + field + " '" + value + "' is not allowed: " + reason);
        });
    }

    private static void literal(String origin, String field, String value, String expected) {
        if (!expected.equals(value)) {
            throw invalid(origin, "completion_behavior." + field + " must be '" + expected + "' (got '" + value + "')");
        }
    }

    private static List<ResumePolicy> resume(GraphLoopDefinition g) {
        return g.dynamicPolicies() == null ? List.of() : g.dynamicPolicies().resumePolicies();
    }

    private static List<ThresholdPolicy> threshold(GraphLoopDefinition g) {
        return g.dynamicPolicies() == null ? List.of() : g.dynamicPolicies().thresholdPolicies();
    }

    private static CompileException invalid(String origin, String what) {
        return new CompileException(CompileErrorCode.INVALID_ASSET,
                "Invalid graph loop definition in asset: " + origin + " (" + what + ")");
    }
}
