package ai.millrace.core.internal.doctor;

import ai.millrace.api.MillraceException;
import ai.millrace.api.StageId;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.StageConfig;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.compiler.CompileResult;
import ai.millrace.compiler.PlanCompiler;
import ai.millrace.core.config.ConfigLoader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The configuration checks: {@code millrace.toml} loads, the configured mode compiles (in memory,
 * nothing persisted), every runner it uses is known and its binary can be found. Read-only.
 */
public final class RuntimeConfigCheck {
    private RuntimeConfigCheck() {
    }

    /**
     * Runs the checks.
     *
     * @param f the collector
     * @param plugins the plugins compiles see
     * @param clock stamps the in-memory compile
     * @param knownRunners the runner ids that exist
     * @param onPath tells whether a command can be executed
     */
    public static void run(Findings f, PluginRegistry plugins, Clock clock, Set<String> knownRunners,
            Predicate<String> onPath) {
        Path configFile = f.paths().configFile();
        MillraceConfig config;
        try {
            config = new ConfigLoader().load(f.paths(), null);
        } catch (MillraceException | IllegalArgumentException e) {
            f.error("runtime_config_invalid", configFile, e.getMessage(), "fix millrace.toml (the message names the key)");
            return;
        }
        Set<String> runners = new TreeSet<>();
        runners.add(config.runners().defaultRunner());
        for (Map.Entry<StageId, StageConfig> e : config.stages().entrySet()) {
            if (e.getValue().runner() != null) {
                runners.add(e.getValue().runner());
            }
        }
        CompileResult result = PlanCompiler.builder().workspaceRoot(f.paths().workspaceRoot())
                .assetsRoot(f.paths().runtimeRoot()).config(config).plugins(plugins).clock(clock).build().compile(null);
        if (!result.ok()) {
            f.error("resolved_mode_invalid", configFile, "mode " + result.diagnostics().modeId() + " does not compile: "
                    + String.join("; ", result.diagnostics().errors()), "fix the mode assets or millrace.toml, then "
                    + "check with `millrace compile validate`");
        } else {
            for (FrozenGraphPlanePlan graph : result.plan().graphsByPlane().values()) {
                for (MaterializedGraphNodePlan node : graph.nodes()) {
                    if (node.runnerName() != null) {
                        runners.add(node.runnerName());
                    }
                }
            }
        }
        for (String runner : runners) {
            if (!knownRunners.contains(runner)) {
                f.error("configured_runner_unknown", configFile, "runner " + runner + " is not known (known: "
                        + knownRunners + ")", "use codex_cli or pi_rpc, or install the plugin that provides " + runner);
                continue;
            }
            String command = "codex_cli".equals(runner) ? config.runners().codex().command()
                    : "pi_rpc".equals(runner) ? config.runners().pi().command() : null;
            if (command != null && !onPath.test(command)) {
                f.warning("runner_binary_unavailable", configFile, "runner " + runner + " needs '" + command
                        + "', which is not on PATH", "install it or set its command path in millrace.toml");
            }
        }
    }

    /**
     * The default binary lookup: a path with a separator must be an executable file; a bare name
     * must be an executable file in a {@code PATH} folder.
     *
     * @param command the command
     * @return true when it can be executed
     */
    public static boolean onSystemPath(String command) {
        if (command == null || command.isBlank()) {
            return false;
        }
        if (command.contains("/") || command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
