package ai.millrace.core.internal.engine;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.PluginDiscoveryException;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds the runner for a compiled node: a runner the application supplied for every stage wins;
 * then an explicitly supplied runner with the node's runner id; then one built by the discovered
 * provider of that id. Nodes the plan binds to no runner use {@code runners.default_runner}.
 * Runners are built once, on first use, and closed with the registry. Thread-safe.
 */
public final class RunnerRegistry implements AutoCloseable {
    private final StageRunner allStages;
    private final Map<String, StageRunner> explicit;
    private final Map<String, StageRunnerProvider> providers;
    private final Function<String, RunnerContext> contexts;
    private final String defaultRunner;
    private final Map<String, StageRunner> built = new LinkedHashMap<>();

    /**
     * Creates the registry.
     *
     * @param allStages a runner for every stage, or null
     * @param explicit runners supplied by the application, by id
     * @param providers discovered providers by runner id (explicit ids already left out)
     * @param contexts builds the context a provider gets for a runner id
     * @param defaultRunner the runner id for nodes bound to none
     */
    public RunnerRegistry(StageRunner allStages, Map<String, StageRunner> explicit,
            Map<String, StageRunnerProvider> providers, Function<String, RunnerContext> contexts,
            String defaultRunner) {
        this.allStages = allStages;
        this.explicit = Map.copyOf(explicit);
        this.providers = Map.copyOf(providers);
        this.contexts = contexts;
        this.defaultRunner = defaultRunner;
    }

    /**
     * Checks that every node of a plan has a runner, so a missing plugin fails start-up rather
     * than the first stage that needs it.
     *
     * @param plan the plan
     * @throws PluginDiscoveryException with {@link ErrorCode#RUNNER_NOT_FOUND} listing the
     *     missing ids and the available ones
     */
    public void requireAll(CompiledRunPlan plan) {
        if (allStages != null) {
            return;
        }
        TreeSet<String> missing = new TreeSet<>();
        for (FrozenGraphPlanePlan graph : plan.graphsByPlane().values()) {
            for (MaterializedGraphNodePlan node : graph.nodes()) {
                String id = runnerId(node);
                if (!explicit.containsKey(id) && !providers.containsKey(id)) {
                    missing.add(id);
                }
            }
        }
        if (!missing.isEmpty()) {
            TreeSet<String> available = new TreeSet<>(explicit.keySet());
            available.addAll(providers.keySet());
            throw new PluginDiscoveryException(ErrorCode.RUNNER_NOT_FOUND, "unknown configured stage runner(s): "
                    + String.join(", ", missing) + "; available: " + (available.isEmpty() ? "none" : available)
                    + ". Put the harness module on the class path, pass a runner to the builder, or bind the "
                    + "stages to another runner in millrace.toml", null);
        }
    }

    /**
     * Returns the runner for a node.
     *
     * @param node the compiled node
     * @return the runner
     * @throws PluginDiscoveryException with {@link ErrorCode#RUNNER_NOT_FOUND} when there is none
     */
    public synchronized StageRunner runnerFor(MaterializedGraphNodePlan node) {
        if (allStages != null) {
            return allStages;
        }
        String id = runnerId(node);
        StageRunner runner = explicit.get(id);
        if (runner != null) {
            return runner;
        }
        runner = built.get(id);
        if (runner == null) {
            StageRunnerProvider provider = providers.get(id);
            if (provider == null) {
                throw new PluginDiscoveryException(ErrorCode.RUNNER_NOT_FOUND, "no runner '" + id + "' for node "
                        + node.nodeId(), null);
            }
            runner = provider.create(contexts.apply(id));
            built.put(id, runner);
        }
        return runner;
    }

    private String runnerId(MaterializedGraphNodePlan node) {
        return node.runnerName() != null ? node.runnerName() : defaultRunner;
    }

    @Override
    public synchronized void close() {
        List<StageRunner> all = new ArrayList<>(built.values());
        built.clear();
        for (StageRunner r : all) {
            r.close();
        }
    }
}
