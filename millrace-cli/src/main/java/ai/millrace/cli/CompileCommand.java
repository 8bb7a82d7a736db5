package ai.millrace.cli;

import ai.millrace.api.Plane;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompileInputFingerprint;
import ai.millrace.api.plan.CompiledCompletionEntry;
import ai.millrace.api.plan.CompiledEntry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.cli.internal.Report;
import ai.millrace.compiler.CompileOutcome;
import ai.millrace.compiler.CompiledPlanStore;
import ai.millrace.compiler.CurrentnessReport;
import ai.millrace.compiler.PlanCompiler;
import ai.millrace.compiler.PlanDiagrams;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code millrace compile validate|show}. */
@Command(name = "compile", mixinStandardHelpOptions = true, description = "Compile the plan, show it, draw it.",
        subcommands = {CompileCommand.Validate.class, CompileCommand.Show.class})
final class CompileCommand {
    /** Options of the compile commands. */
    static final class CompileOptions {
        @Option(names = "--mode", paramLabel = "ID", description = "Compile this mode instead of runtime.default_mode.")
        String mode;

        @Option(names = "--config", paramLabel = "PATH", description = "Read this configuration file instead of millrace.toml.")
        String config;

        Path configPath() {
            if (config == null) {
                return null;
            }
            Path p = WorkspaceOption.resolve(config);
            if (!Files.isRegularFile(p)) {
                throw new CliFailure("config file does not exist: " + p);
            }
            return p;
        }
    }

    /** The result of compiling and persisting, with what the block needs. */
    record Compiled(Workspace ws, PlanCompiler compiler, CompileOutcome outcome, CompileInputFingerprint input) {
    }

    static Compiled compile(Workspace ws, CompileOptions options) {
        MillraceConfig config = ws.config(options.configPath());
        PlanCompiler compiler = ws.compiler(config);
        CompiledPlanStore store = ws.planStore();
        CompileOutcome outcome = store.compileAndPersist(compiler, options.mode, false, false);
        CompileInputFingerprint input = outcome.compileInputFingerprint();
        if (input == null || outcome.usedLastKnownGood()) {
            input = compiler.currentness(store.loadPlan().orElse(null), options.mode).expectedFingerprint();
        }
        return new Compiled(ws, compiler, outcome, input);
    }

    /** The compile diagnostics block: ok, mode, last-known-good, inputs, warnings, errors. */
    static Report diagnostics(Compiled c) {
        Report r = new Report();
        r.put("ok", c.outcome().diagnostics().ok());
        r.put("mode_id", c.outcome().diagnostics().modeId());
        r.put("used_last_known_good", c.outcome().usedLastKnownGood());
        r.put("compile_input.mode_id", c.input().modeId());
        r.put("compile_input.config_fingerprint", c.input().configFingerprint());
        r.put("compile_input.assets_fingerprint", c.input().assetsFingerprint());
        r.ensureList("warnings").ensureList("errors");
        for (String w : c.outcome().diagnostics().warnings()) {
            r.repeat("warning", "warnings", w, w);
        }
        for (String e : c.outcome().diagnostics().errors()) {
            r.repeat("error", "errors", e, e);
        }
        return r;
    }

    /** {@code compile validate}: compile, persist, print the diagnostics; exit 1 when the compile failed. */
    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Compile and persist the plan; exit 1 when it fails.")
    static final class Validate implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        CompileOptions options;

        @Mixin
        JsonOption json;

        Validate(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            Compiled c = compile(new Workspace(paths, env.clock()), options);
            json.print(diagnostics(c), spec.commandLine().getOut());
            return c.outcome().diagnostics().ok() ? 0 : 1;
        }
    }

    /** {@code compile show}: the diagnostics block, then the active plan, or a diagram of it. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Compile, then print the active plan (text), or draw it (--format mermaid|dot).")
    static final class Show implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        CompileOptions options;

        @Mixin
        JsonOption json;

        @Option(names = "--format", paramLabel = "text|mermaid|dot", defaultValue = "text",
                description = "text (default), or a Mermaid or Graphviz DOT diagram of the plan.")
        String format;

        @Option(names = "--plane", paramLabel = "PLANE", description = "Draw one plane only (execution, planning, learning).")
        String plane;

        Show(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            String f = format.toLowerCase(Locale.ROOT);
            if (!List.of("text", "mermaid", "dot").contains(f)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--format': expected one of text, mermaid, dot (was '" + format + "')");
            }
            Plane onePlane = null;
            if (plane != null) {
                try {
                    onePlane = Plane.of(plane.toLowerCase(Locale.ROOT));
                } catch (RuntimeException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "Invalid value for option '--plane': expected execution, planning or learning (was '" + plane + "')");
                }
            }
            WorkspacePaths paths = ws.requireInitialized();
            Workspace w = new Workspace(paths, env.clock());
            Compiled c = compile(w, options);
            PrintWriter out = spec.commandLine().getOut();
            CompiledRunPlan plan = c.outcome().activePlan();
            if (!f.equals("text")) {
                if (plan == null) {
                    diagnostics(c).printText(spec.commandLine().getErr());
                    throw new CliFailure("no active plan to draw", "`millrace compile validate` shows why the compile failed");
                }
                if (onePlane != null && !plan.graphsByPlane().containsKey(onePlane)) {
                    throw new CliFailure("the plan has no " + onePlane.wireName() + " plane");
                }
                String diagram = f.equals("mermaid")
                        ? (onePlane == null ? PlanDiagrams.mermaid(plan) : PlanDiagrams.mermaid(plan, onePlane))
                        : (onePlane == null ? PlanDiagrams.dot(plan) : PlanDiagrams.dot(plan, onePlane));
                out.print(diagram.endsWith("\n") ? diagram : diagram + "\n");
                return c.outcome().diagnostics().ok() ? 0 : 1;
            }
            Report r = diagnostics(c);
            if (plan != null) {
                planBlock(r, w, c, plan);
            }
            json.print(r, out);
            return c.outcome().diagnostics().ok() ? 0 : 1;
        }

        private static void planBlock(Report r, Workspace w, Compiled c, CompiledRunPlan plan) {
            CurrentnessReport cur = c.compiler().currentness(w.planStore().loadPlan().orElse(null), plan.modeId());
            r.put("compiled_plan_currentness", cur.state().wireName());
            r.put("compiled_plan_id", plan.compiledPlanId());
            r.put("execution_loop_id", plan.executionLoopId());
            r.put("planning_loop_id", plan.planningLoopId());
            if (plan.learningLoopId() != null) {
                r.put("learning_loop_id", plan.learningLoopId());
            }
            JsonNode manifest = StatusReport.readTree(w.paths.baselineManifestFile());
            r.put("baseline_manifest_id", StatusReport.textAt(manifest, "manifest_id"));
            r.put("baseline_seed_package_version", StatusReport.textAt(manifest, "seed_package_version"));
            Report plain = new Report();
            plain.put("compile_input.mode_id", cur.expectedFingerprint().modeId());
            plain.put("compile_input.config_fingerprint", cur.expectedFingerprint().configFingerprint());
            plain.put("compile_input.assets_fingerprint", cur.expectedFingerprint().assetsFingerprint());
            r.append(plain);
            CompileInputFingerprint p = cur.persistedFingerprint();
            r.put("persisted_compile_input.mode_id", p == null ? null : p.modeId());
            r.put("persisted_compile_input.config_fingerprint", p == null ? null : p.configFingerprint());
            r.put("persisted_compile_input.assets_fingerprint", p == null ? null : p.assetsFingerprint());
            r.ensureList("entries");
            List<FrozenGraphPlanePlan> graphs = new ArrayList<>();
            for (Plane pl : new Plane[] {Plane.EXECUTION, Plane.PLANNING, Plane.LEARNING}) {
                FrozenGraphPlanePlan g = plan.graphsByPlane().get(pl);
                if (g != null) {
                    graphs.add(g);
                }
            }
            for (FrozenGraphPlanePlan g : graphs) {
                for (CompiledEntry e : g.compiledEntries()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("plane", g.plane().wireName());
                    json.put("entry_key", e.entryKey().wireName());
                    json.put("node_id", e.nodeId());
                    r.repeat("entry", "entries", json, g.plane().wireName() + "." + e.entryKey().wireName() + " -> " + e.nodeId());
                }
            }
            for (FrozenGraphPlanePlan g : graphs) {
                CompiledCompletionEntry ce = g.compiledCompletionEntry();
                if (ce == null) {
                    continue;
                }
                r.put("completion", ce.entryKey().wireName() + " -> " + ce.nodeId());
                r.put("completion_behavior.trigger", ce.trigger());
                r.put("completion_behavior.readiness_rule", ce.readinessRule());
                r.put("completion_behavior.request_kind", ce.requestKind());
                r.put("completion_behavior.target_selector", ce.targetSelector());
                r.put("completion_behavior.rubric_policy", ce.rubricPolicy());
                r.put("completion_behavior.blocked_work_policy", ce.blockedWorkPolicy());
                r.put("completion_behavior.skip_if_already_closed", ce.skipIfAlreadyClosed());
                r.put("completion_behavior.on_pass_terminal_state_id", ce.onPassTerminalStateId());
                r.put("completion_behavior.on_gap_terminal_state_id", ce.onGapTerminalStateId());
                r.put("completion_behavior.create_incident_on_gap", ce.createIncidentOnGap());
            }
            List<MaterializedGraphNodePlan> nodes = new ArrayList<>();
            graphs.forEach(g -> nodes.addAll(g.nodes()));
            nodes.sort(Comparator.comparing((MaterializedGraphNodePlan n) -> n.plane().wireName())
                    .thenComparing(MaterializedGraphNodePlan::nodeId));
            r.ensureList("stages");
            for (MaterializedGraphNodePlan n : nodes) {
                Report one = new Report();
                one.put("stage", n.plane().wireName() + "." + n.nodeId());
                one.put("stage_kind_id", n.stageKindId());
                one.put("running_status_marker", n.runningStatusMarker());
                one.put("entrypoint_path", n.entrypointPath());
                one.put("entrypoint_contract_id", n.entrypointContractId());
                one.put("required_skills", n.requiredSkillPaths());
                one.put("attached_skills", n.attachedSkillAdditions());
                one.put("runner_name", n.runnerName());
                one.put("model_name", n.modelName());
                one.put("model_reasoning_effort", n.modelReasoningEffort());
                one.put("timeout_seconds", n.timeoutSeconds());
                r.append(one);
                r.jsonAdd("stages", one.toJson());
            }
        }
    }
}
