package ai.millrace.compiler;

import ai.millrace.api.Plane;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.compiler.internal.diagram.PlaneDiagram;
import ai.millrace.compiler.internal.diagram.PlaneDiagram.Arrow;
import ai.millrace.compiler.internal.diagram.PlaneDiagram.ArrowKind;
import ai.millrace.compiler.internal.diagram.PlaneDiagram.Box;
import ai.millrace.compiler.internal.diagram.PlaneDiagram.BoxKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Draws a compiled plan as a Mermaid flowchart or a Graphviz DOT graph.
 *
 * <p>Each plane is a subgraph holding its entries, stage nodes and terminal states. Arrows are
 * labelled with the outcome that takes them; recovery paths (threshold exhaustion, resume defaults,
 * arrows into troubleshooter, consultant, mechanic or any exhausted target) are dashed. Threshold
 * arrows read {@code OUTCOME: counter >= limit}, resume arrows {@code OUTCOME: resume}.
 *
 * <p>Output is deterministic (plan order) and ends with a newline. Stateless and thread-safe.
 */
public final class PlanDiagrams {
    private PlanDiagrams() {
    }

    /**
     * Draws every plane of a plan as one Mermaid flowchart.
     *
     * @param plan the plan, never null
     * @return the Mermaid text
     */
    public static String mermaid(CompiledRunPlan plan) {
        return mermaid(diagrams(plan, null));
    }

    /**
     * Draws one plane of a plan as a Mermaid flowchart.
     *
     * @param plan the plan, never null
     * @param plane the plane, never null
     * @return the Mermaid text
     * @throws IllegalArgumentException when the plan has no graph for the plane
     */
    public static String mermaid(CompiledRunPlan plan, Plane plane) {
        return mermaid(diagrams(plan, Objects.requireNonNull(plane, "plane")));
    }

    /**
     * Draws every plane of a plan as one Graphviz DOT digraph.
     *
     * @param plan the plan, never null
     * @return the DOT text
     */
    public static String dot(CompiledRunPlan plan) {
        return dot(diagrams(plan, null));
    }

    /**
     * Draws one plane of a plan as a Graphviz DOT digraph.
     *
     * @param plan the plan, never null
     * @param plane the plane, never null
     * @return the DOT text
     * @throws IllegalArgumentException when the plan has no graph for the plane
     */
    public static String dot(CompiledRunPlan plan, Plane plane) {
        return dot(diagrams(plan, Objects.requireNonNull(plane, "plane")));
    }

    private static List<PlaneDiagram> diagrams(CompiledRunPlan plan, Plane only) {
        List<PlaneDiagram> result = new ArrayList<>();
        for (FrozenGraphPlanePlan graph : plan.graphsByPlane().values()) {
            if (only == null || graph.plane() == only) {
                result.add(PlaneDiagram.of(graph));
            }
        }
        if (result.isEmpty() && only != null) {
            throw new IllegalArgumentException("plan " + plan.compiledPlanId() + " has no " + only + " graph");
        }
        return result;
    }

    private static String mermaid(List<PlaneDiagram> diagrams) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        List<String> recovery = new ArrayList<>();
        List<String> terminals = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (PlaneDiagram d : diagrams) {
            out.append("  subgraph ").append(d.plane().wireName()).append("[\"")
                    .append(d.plane().wireName()).append(": ").append(d.loopId()).append("\"]\n");
            for (Box b : d.boxes()) {
                out.append("    ").append(b.id()).append(mermaidShape(b)).append('\n');
                if (b.kind() == BoxKind.RECOVERY_STAGE) {
                    recovery.add(b.id());
                } else if (b.kind() == BoxKind.TERMINAL) {
                    terminals.add(b.id());
                } else if (b.kind() == BoxKind.ENTRY) {
                    entries.add(b.id());
                }
            }
            for (Arrow a : d.arrows()) {
                String arrow = a.kind() == ArrowKind.RECOVERY ? "-.->" : a.kind() == ArrowKind.ENTRY ? "==>" : "-->";
                out.append("    ").append(a.from()).append(' ').append(arrow).append("|\"")
                        .append(mermaidText(a.label())).append("\"| ").append(a.to()).append('\n');
            }
            out.append("  end\n");
        }
        out.append("  classDef entry fill:#e8f0fe,stroke:#1a73e8\n");
        out.append("  classDef recovery fill:#fff4e5,stroke:#e8710a,stroke-dasharray: 4 3\n");
        out.append("  classDef terminal fill:#eeeeee,stroke:#555555\n");
        appendClass(out, entries, "entry");
        appendClass(out, recovery, "recovery");
        appendClass(out, terminals, "terminal");
        return out.toString();
    }

    private static void appendClass(StringBuilder out, List<String> ids, String cls) {
        if (!ids.isEmpty()) {
            out.append("  class ").append(String.join(",", ids)).append(' ').append(cls).append('\n');
        }
    }

    private static String mermaidShape(Box b) {
        String text = "\"" + mermaidText(b.label()) + "\"";
        switch (b.kind()) {
            case ENTRY:
                return "((" + text + "))";
            case TERMINAL:
                return "([" + text + "])";
            default:
                return "[" + text + "]";
        }
    }

    // Mermaid has no escape for a double quote inside a quoted label; use its entity code.
    private static String mermaidText(String text) {
        return text.replace("\"", "#quot;");
    }

    private static String dot(List<PlaneDiagram> diagrams) {
        StringBuilder out = new StringBuilder("digraph millrace_plan {\n");
        out.append("  rankdir=TB;\n");
        out.append("  node [shape=box, style=rounded];\n");
        for (PlaneDiagram d : diagrams) {
            out.append("  subgraph cluster_").append(d.plane().wireName()).append(" {\n");
            out.append("    label=").append(dotText(d.plane().wireName() + ": " + d.loopId())).append(";\n");
            for (Box b : d.boxes()) {
                out.append("    ").append(b.id()).append(" [label=").append(dotText(b.label())).append(dotShape(b))
                        .append("];\n");
            }
            out.append("  }\n");
            for (Arrow a : d.arrows()) {
                StringJoiner attrs = new StringJoiner(", ", " [", "]");
                attrs.add("label=" + dotText(a.label()));
                if (a.kind() == ArrowKind.RECOVERY) {
                    attrs.add("style=dashed");
                } else if (a.kind() == ArrowKind.ENTRY) {
                    attrs.add("style=bold");
                }
                out.append("  ").append(a.from()).append(" -> ").append(a.to()).append(attrs).append(";\n");
            }
        }
        out.append("}\n");
        return out.toString();
    }

    private static String dotShape(Box b) {
        switch (b.kind()) {
            case ENTRY:
                return ", shape=ellipse";
            case TERMINAL:
                return ", shape=doubleoctagon, style=solid";
            case RECOVERY_STAGE:
                return ", style=\"rounded,dashed\"";
            default:
                return "";
        }
    }

    private static String dotText(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
