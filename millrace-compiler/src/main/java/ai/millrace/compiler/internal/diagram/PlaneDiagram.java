package ai.millrace.compiler.internal.diagram;

import ai.millrace.api.Plane;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphEdge;
import ai.millrace.api.asset.ResumePolicy;
import ai.millrace.api.asset.TerminalState;
import ai.millrace.api.asset.ThresholdPolicy;
import ai.millrace.api.plan.CompiledEntry;
import ai.millrace.api.plan.CompiledTransition;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drawable shape of one plane of a plan: boxes (entries, stages, terminal states) and
 * labelled arrows, each arrow marked normal, entry or recovery. Renderers only format it.
 * Immutable.
 *
 * <p>Recovery arrows are threshold exhaustions, resume defaults, and any arrow into a recovery
 * node (troubleshooter, consultant, mechanic, or any threshold's exhausted target).
 */
public final class PlaneDiagram {
    private static final Set<String> RECOVERY_KINDS = Set.of("troubleshooter", "consultant", "mechanic");

    /** What a box stands for. */
    public enum BoxKind {
        /** Where work enters. */
        ENTRY,
        /** A stage node. */
        STAGE,
        /** A stage node used for recovery. */
        RECOVERY_STAGE,
        /** A terminal state. */
        TERMINAL
    }

    /** How an arrow is drawn. */
    public enum ArrowKind {
        /** From an entry into the graph. */
        ENTRY,
        /** An ordinary transition. */
        NORMAL,
        /** A recovery path, drawn dashed. */
        RECOVERY
    }

    /**
     * A box.
     *
     * @param id a renderer-safe id, unique in the whole plan
     * @param label the text shown
     * @param kind what it stands for
     */
    public record Box(String id, String label, BoxKind kind) {
    }

    /**
     * An arrow.
     *
     * @param from the source box id
     * @param to the target box id
     * @param label the text shown; starts with the outcome for stage arrows
     * @param kind how it is drawn
     */
    public record Arrow(String from, String to, String label, ArrowKind kind) {
    }

    private final Plane plane;
    private final String loopId;
    private final List<Box> boxes;
    private final List<Arrow> arrows;

    private PlaneDiagram(Plane plane, String loopId, List<Box> boxes, List<Arrow> arrows) {
        this.plane = plane;
        this.loopId = loopId;
        this.boxes = List.copyOf(boxes);
        this.arrows = List.copyOf(arrows);
    }

    /** @return the plane */
    public Plane plane() {
        return plane;
    }

    /** @return the loop id */
    public String loopId() {
        return loopId;
    }

    /** @return the boxes in drawing order */
    public List<Box> boxes() {
        return boxes;
    }

    /** @return the arrows in drawing order */
    public List<Arrow> arrows() {
        return arrows;
    }

    /**
     * Builds the diagram of one plane.
     *
     * @param graph the frozen plane graph
     * @return the diagram
     */
    public static PlaneDiagram of(FrozenGraphPlanePlan graph) {
        String p = graph.plane().wireName();
        Set<String> recoveryNodes = new HashSet<>();
        for (MaterializedGraphNodePlan n : graph.nodes()) {
            if (RECOVERY_KINDS.contains(n.stageKindId())) {
                recoveryNodes.add(n.nodeId());
            }
        }
        for (ThresholdPolicy t : graph.compiledThresholdPolicies()) {
            if (t.exhaustedTargetNodeId() != null) {
                recoveryNodes.add(t.exhaustedTargetNodeId());
            }
        }

        List<Box> boxes = new ArrayList<>();
        Map<String, String> entryIds = new LinkedHashMap<>();
        for (CompiledEntry e : graph.compiledEntries()) {
            String id = id(p, "entry", e.entryKey().wireName());
            entryIds.put(e.entryKey().wireName(), id);
            boxes.add(new Box(id, e.entryKey().wireName(), BoxKind.ENTRY));
        }
        if (graph.compiledCompletionEntry() != null) {
            boxes.add(new Box(id(p, "entry", "closure_target"), "closure_target", BoxKind.ENTRY));
        }
        for (MaterializedGraphNodePlan n : graph.nodes()) {
            boxes.add(new Box(node(p, n.nodeId()), n.nodeId(),
                    recoveryNodes.contains(n.nodeId()) ? BoxKind.RECOVERY_STAGE : BoxKind.STAGE));
        }
        for (TerminalState t : graph.terminalStates()) {
            boxes.add(new Box(terminal(p, t.terminalStateId()),
                    t.terminalStateId() + " (" + t.terminalClass().wireName() + ")", BoxKind.TERMINAL));
        }

        List<Arrow> arrows = new ArrayList<>();
        for (CompiledEntry e : graph.compiledEntries()) {
            arrows.add(new Arrow(entryIds.get(e.entryKey().wireName()), node(p, e.nodeId()), "entry", ArrowKind.ENTRY));
        }
        if (graph.compiledCompletionEntry() != null) {
            arrows.add(new Arrow(id(p, "entry", "closure_target"), node(p, graph.compiledCompletionEntry().nodeId()),
                    "completion", ArrowKind.ENTRY));
        }
        Set<String> resumeKeys = new LinkedHashSet<>();
        for (ResumePolicy r : graph.compiledResumePolicies()) {
            resumeKeys.add(r.sourceNodeId() + "|" + r.onOutcome().token() + "|" + r.defaultTargetNodeId());
        }
        Set<String> drawnResumes = new HashSet<>();
        for (CompiledTransition t : graph.compiledTransitions()) {
            String key = t.sourceNodeId() + "|" + t.outcome().token() + "|" + t.targetNodeId();
            boolean resume = t.targetNodeId() != null && resumeKeys.contains(key);
            if (resume) {
                drawnResumes.add(key);
            }
            String to = t.targetNodeId() != null ? node(p, t.targetNodeId()) : terminal(p, t.terminalStateId());
            boolean recovery = resume || (t.targetNodeId() != null && recoveryNodes.contains(t.targetNodeId()));
            arrows.add(new Arrow(node(p, t.sourceNodeId()), to, t.outcome().token() + (resume ? ": resume" : ""),
                    recovery ? ArrowKind.RECOVERY : ArrowKind.NORMAL));
        }
        for (ResumePolicy r : graph.compiledResumePolicies()) {
            String key = r.sourceNodeId() + "|" + r.onOutcome().token() + "|" + r.defaultTargetNodeId();
            if (!drawnResumes.contains(key)) {
                arrows.add(new Arrow(node(p, r.sourceNodeId()), node(p, r.defaultTargetNodeId()),
                        r.onOutcome().token() + ": resume", ArrowKind.RECOVERY));
            }
        }
        for (ThresholdPolicy t : graph.compiledThresholdPolicies()) {
            String to = t.exhaustedTargetNodeId() != null
                    ? node(p, t.exhaustedTargetNodeId()) : terminal(p, t.exhaustedTerminalStateId());
            for (String source : t.sourceNodeIds()) {
                arrows.add(new Arrow(node(p, source), to, label(t.onOutcome(), t), ArrowKind.RECOVERY));
            }
        }
        return new PlaneDiagram(graph.plane(), graph.loopId(), boxes, arrows);
    }

    private static String label(TerminalResult outcome, ThresholdPolicy t) {
        return outcome.token() + ": " + t.counterName().wireName() + " >= " + t.threshold();
    }

    private static String node(String plane, String nodeId) {
        return id(plane, "n", nodeId);
    }

    private static String terminal(String plane, String terminalId) {
        return id(plane, "t", terminalId);
    }

    // Canonical ids use [a-z0-9] joined by . _ -; escaping each separator distinctly (and doubling
    // '_') keeps ids unique and safe for Mermaid and DOT.
    private static String id(String plane, String kind, String raw) {
        StringBuilder sb = new StringBuilder(plane).append('_').append(kind).append('_');
        for (char c : raw.toCharArray()) {
            if (c == '.') {
                sb.append("_d_");
            } else if (c == '-') {
                sb.append("_h_");
            } else if (c == '_') {
                sb.append("__");
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else {
                sb.append("_x").append((int) c).append('_');
            }
        }
        return sb.toString();
    }
}
