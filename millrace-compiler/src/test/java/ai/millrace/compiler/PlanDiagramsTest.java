package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.plan.CompiledRunPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mermaid and DOT pictures of a compiled plan. */
class PlanDiagramsTest {
    private static final Pattern NODE = Pattern.compile("^    (\\w+)(\\(\\(|\\(\\[|\\[)\"([^\"]*)\"(\\)\\)|\\]\\)|\\])$");
    private static final Pattern EDGE = Pattern.compile("^    (\\w+) (-->|-\\.->|==>)\\|\"([^\"]*)\"\\| (\\w+)$");
    private static final Pattern OTHER = Pattern.compile(
            "^(flowchart TD|  subgraph \\w+\\[\"[^\"]*\"\\]|  end|  classDef \\w+ .+|  class [\\w,]+ \\w+|)$");

    /**
     * Every routing edge of spec 01 section 3.7 as (plane, from, outcome, to); terminal targets
     * are written as terminal state ids.
     */
    private static final List<String> ROUTES = List.of(
            "execution builder BUILDER_COMPLETE checker",
            "execution builder BLOCKED troubleshooter",
            "execution builder BLOCKED consultant",
            "execution checker CHECKER_PASS updater",
            "execution checker FIX_NEEDED fixer",
            "execution checker FIX_NEEDED troubleshooter",
            "execution checker BLOCKED troubleshooter",
            "execution checker BLOCKED consultant",
            "execution fixer FIXER_COMPLETE doublechecker",
            "execution fixer BLOCKED troubleshooter",
            "execution fixer BLOCKED consultant",
            "execution doublechecker DOUBLECHECK_PASS updater",
            "execution doublechecker FIX_NEEDED fixer",
            "execution doublechecker FIX_NEEDED troubleshooter",
            "execution doublechecker BLOCKED troubleshooter",
            "execution doublechecker BLOCKED consultant",
            "execution updater UPDATE_COMPLETE update_complete (success)",
            "execution updater BLOCKED troubleshooter",
            "execution updater BLOCKED consultant",
            "execution troubleshooter TROUBLESHOOT_COMPLETE builder",
            "execution troubleshooter BLOCKED troubleshooter",
            "execution troubleshooter BLOCKED consultant",
            "execution consultant CONSULT_COMPLETE troubleshooter",
            "execution consultant NEEDS_PLANNING needs_planning (escalate_planning)",
            "execution consultant BLOCKED blocked (blocked)",
            "planning planner PLANNER_COMPLETE manager",
            "planning planner BLOCKED mechanic",
            "planning planner BLOCKED blocked (blocked)",
            "planning manager MANAGER_COMPLETE manager_complete (success)",
            "planning manager BLOCKED mechanic",
            "planning manager BLOCKED blocked (blocked)",
            "planning mechanic MECHANIC_COMPLETE planner",
            "planning mechanic BLOCKED mechanic",
            "planning mechanic BLOCKED blocked (blocked)",
            "planning auditor AUDITOR_COMPLETE planner",
            "planning auditor BLOCKED mechanic",
            "planning auditor BLOCKED blocked (blocked)",
            "planning arbiter ARBITER_COMPLETE arbiter_complete (success)",
            "planning arbiter REMEDIATION_NEEDED remediation_needed (followup_needed)",
            "planning arbiter BLOCKED blocked (blocked)");

    @TempDir
    Path dir;

    private CompiledRunPlan plan;

    @BeforeEach
    void compile() {
        plan = TestWorkspace.deploy(dir).compiler().compile("default_codex").orThrow();
    }

    @Test
    void mermaidMatchesTheGoldenFile() throws Exception {
        String golden = TestWorkspace.resource("golden/default_codex.mmd");
        String actual = PlanDiagrams.mermaid(plan);
        if (Boolean.getBoolean("millrace.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/golden/default_codex.mmd"), actual);
        }
        assertEquals(golden, actual);
    }

    @Test
    void mermaidShowsEveryRoutingEdge() {
        Set<String> edges = edges(PlanDiagrams.mermaid(plan));
        for (String route : ROUTES) {
            assertTrue(edges.contains(route), () -> "missing " + route + " in " + edges);
        }
    }

    @Test
    void recoveryEdgesAreDashedAndOrdinaryOnesAreNot() {
        String text = PlanDiagrams.mermaid(plan);
        assertTrue(text.contains("execution_n_checker -.->|\"FIX_NEEDED: fix_cycle_count >= 2\"| execution_n_troubleshooter"));
        assertTrue(text.contains("execution_n_troubleshooter -.->|\"TROUBLESHOOT_COMPLETE: resume\"| execution_n_builder"));
        assertTrue(text.contains("execution_n_builder -.->|\"BLOCKED\"| execution_n_troubleshooter"));
        assertTrue(text.contains("execution_n_builder -->|\"BUILDER_COMPLETE\"| execution_n_checker"));
        assertTrue(text.contains("planning_n_planner -.->|\"BLOCKED: mechanic_attempt_count >= 2\"| planning_t_blocked"));
        assertTrue(text.contains("planning_entry_closure__target ==>|\"completion\"| planning_n_arbiter"), text);
    }

    @Test
    void mermaidSyntaxIsWellFormed() {
        String text = PlanDiagrams.mermaid(plan);
        assertTrue(text.endsWith("\n"));
        Set<String> declared = new HashSet<>();
        int subgraphs = 0;
        for (String line : text.split("\n")) {
            assertBalanced(line);
            Matcher node = NODE.matcher(line);
            Matcher edge = EDGE.matcher(line);
            if (node.matches()) {
                assertTrue(declared.add(node.group(1)), "declared twice: " + line);
            } else if (edge.matches()) {
                assertTrue(declared.contains(edge.group(1)) && declared.contains(edge.group(4)), "undeclared end: " + line);
            } else {
                assertTrue(OTHER.matcher(line).matches(), "not in the emitted grammar: " + line);
                subgraphs += line.startsWith("  subgraph ") ? 1 : line.equals("  end") ? -1 : 0;
            }
        }
        assertEquals(0, subgraphs, "every subgraph is closed");
    }

    @Test
    void onePlaneAndDot() {
        String planning = PlanDiagrams.mermaid(plan, Plane.PLANNING);
        assertTrue(planning.contains("subgraph planning"));
        assertFalse(planning.contains("subgraph execution"));
        assertThrows(IllegalArgumentException.class, () -> PlanDiagrams.mermaid(plan, Plane.LEARNING));

        String dot = PlanDiagrams.dot(plan);
        assertTrue(dot.startsWith("digraph millrace_plan {\n") && dot.endsWith("}\n"));
        assertTrue(dot.contains("execution_n_builder -> execution_n_checker [label=\"BUILDER_COMPLETE\"];"));
        assertTrue(dot.contains("execution_n_checker -> execution_n_troubleshooter [label=\"FIX_NEEDED: fix_cycle_count >= 2\", style=dashed];"));
        assertTrue(dot.contains("subgraph cluster_planning {"));
        long opens = dot.chars().filter(c -> c == '{').count();
        assertEquals(opens, dot.chars().filter(c -> c == '}').count());
        assertTrue(PlanDiagrams.dot(plan, Plane.EXECUTION).contains("cluster_execution"));
    }

    /** Parses edges back into "plane from OUTCOME to" using the node labels. */
    private static Set<String> edges(String mermaid) {
        Map<String, String> labels = new HashMap<>();
        Set<String> result = new HashSet<>();
        String plane = null;
        for (String line : mermaid.split("\n")) {
            if (line.startsWith("  subgraph ")) {
                plane = line.substring("  subgraph ".length(), line.indexOf('['));
            }
            Matcher node = NODE.matcher(line);
            if (node.matches()) {
                labels.put(node.group(1), node.group(3));
            }
            Matcher edge = EDGE.matcher(line);
            if (edge.matches()) {
                String outcome = edge.group(3).split(":")[0];
                result.add(plane + " " + labels.get(edge.group(1)) + " " + outcome + " " + labels.get(edge.group(4)));
            }
        }
        return result;
    }

    private static void assertBalanced(String line) {
        Deque<Character> stack = new ArrayDeque<>();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
                stack.push(c);
            } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
                char open = stack.isEmpty() ? '?' : stack.pop();
                assertTrue((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'),
                        "unbalanced: " + line);
            }
        }
        assertFalse(quoted, "unclosed quote: " + line);
        assertTrue(stack.isEmpty(), "unbalanced: " + line);
    }
}
