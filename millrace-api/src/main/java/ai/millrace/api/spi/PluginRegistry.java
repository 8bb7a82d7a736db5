package ai.millrace.api.spi;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.PluginDiscoveryException;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * The plugins one runtime uses, discovered through {@link ServiceLoader} or supplied explicitly.
 *
 * <p>Discovery explains itself, as SLF4J's provider lookup does:
 * <ul>
 *   <li>a provider that cannot be loaded or instantiated fails discovery with its class name and
 *       cause; it is never skipped silently;</li>
 *   <li>two providers that claim one id (runner id, stage kind id, loop id or mode id) fail with an
 *       error that names both classes;</li>
 *   <li>a runner the application supplies explicitly always wins over discovered providers of the
 *       same id ({@link #runnerProvidersById(Collection)}).</li>
 * </ul>
 * Immutable and thread-safe once built.
 */
public final class PluginRegistry {
    private static final int MAX_PROVIDER_ERRORS = 1000;

    private final List<StageRunnerProvider> runnerProviders;
    private final List<StageKindProvider> stageKindProviders;
    private final List<GraphLoopProvider> graphLoopProviders;
    private final List<ModeProvider> modeProviders;
    private final List<RuntimeListener> listeners;

    private PluginRegistry(List<StageRunnerProvider> runnerProviders, List<StageKindProvider> stageKindProviders,
            List<GraphLoopProvider> graphLoopProviders, List<ModeProvider> modeProviders,
            List<RuntimeListener> listeners) {
        this.runnerProviders = List.copyOf(runnerProviders);
        this.stageKindProviders = List.copyOf(stageKindProviders);
        this.graphLoopProviders = List.copyOf(graphLoopProviders);
        this.modeProviders = List.copyOf(modeProviders);
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Returns a registry with no plugins.
     *
     * @return the empty registry
     */
    public static PluginRegistry empty() {
        return new PluginRegistry(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Discovers every provider visible to a class loader: {@code META-INF/services} on the class
     * path and {@code provides} clauses on the module path.
     *
     * @param loader the class loader to search, never null
     * @return the registry
     * @throws PluginDiscoveryException with {@link ErrorCode#PLUGIN_LOAD_FAILED} naming every
     *     provider class that failed to load
     */
    public static PluginRegistry discover(ClassLoader loader) {
        List<String> failures = new ArrayList<>();
        PluginRegistry registry = new PluginRegistry(
                load(StageRunnerProvider.class, loader, failures),
                load(StageKindProvider.class, loader, failures),
                load(GraphLoopProvider.class, loader, failures),
                load(ModeProvider.class, loader, failures),
                load(RuntimeListener.class, loader, failures));
        if (!failures.isEmpty()) {
            throw new PluginDiscoveryException(ErrorCode.PLUGIN_LOAD_FAILED,
                    "plugin discovery failed; fix or remove these providers: " + String.join("; ", failures), null);
        }
        return registry;
    }

    /**
     * Returns a registry holding these plugin objects; each must implement at least one SPI
     * interface of this package.
     *
     * @param plugins provider and listener instances
     * @return the registry
     * @throws IllegalArgumentException when an object implements none of the SPI interfaces
     */
    public static PluginRegistry of(Object... plugins) {
        return empty().plus(plugins);
    }

    /**
     * Returns a registry with these plugin objects added after the existing ones.
     *
     * @param plugins provider and listener instances
     * @return a new registry
     * @throws IllegalArgumentException when an object implements none of the SPI interfaces
     */
    public PluginRegistry plus(Object... plugins) {
        List<StageRunnerProvider> runners = new ArrayList<>(runnerProviders);
        List<StageKindProvider> kinds = new ArrayList<>(stageKindProviders);
        List<GraphLoopProvider> loops = new ArrayList<>(graphLoopProviders);
        List<ModeProvider> modes = new ArrayList<>(modeProviders);
        List<RuntimeListener> ls = new ArrayList<>(listeners);
        for (Object plugin : plugins) {
            boolean used = false;
            if (plugin instanceof StageRunnerProvider) {
                runners.add((StageRunnerProvider) plugin);
                used = true;
            }
            if (plugin instanceof StageKindProvider) {
                kinds.add((StageKindProvider) plugin);
                used = true;
            }
            if (plugin instanceof GraphLoopProvider) {
                loops.add((GraphLoopProvider) plugin);
                used = true;
            }
            if (plugin instanceof ModeProvider) {
                modes.add((ModeProvider) plugin);
                used = true;
            }
            if (plugin instanceof RuntimeListener) {
                ls.add((RuntimeListener) plugin);
                used = true;
            }
            if (!used) {
                throw new IllegalArgumentException(
                        plugin.getClass().getName() + " implements no Millrace SPI interface");
            }
        }
        return new PluginRegistry(runners, kinds, loops, modes, ls);
    }

    /**
     * Returns the runner providers in discovery order.
     *
     * @return the providers
     */
    public List<StageRunnerProvider> runnerProviders() {
        return runnerProviders;
    }

    /**
     * Returns the stage kind providers in discovery order.
     *
     * @return the providers
     */
    public List<StageKindProvider> stageKindProviders() {
        return stageKindProviders;
    }

    /**
     * Returns the graph loop providers in discovery order.
     *
     * @return the providers
     */
    public List<GraphLoopProvider> graphLoopProviders() {
        return graphLoopProviders;
    }

    /**
     * Returns the mode providers in discovery order.
     *
     * @return the providers
     */
    public List<ModeProvider> modeProviders() {
        return modeProviders;
    }

    /**
     * Returns the runtime listeners in discovery order.
     *
     * @return the listeners
     */
    public List<RuntimeListener> listeners() {
        return listeners;
    }

    /**
     * Indexes runner providers by runner id, leaving out ids the application supplies itself.
     *
     * @param explicitRunnerIds ids of runners supplied explicitly; their providers are ignored
     * @return provider by runner id, in discovery order
     * @throws PluginDiscoveryException with {@link ErrorCode#DUPLICATE_PLUGIN_ID} naming both
     *     classes when two remaining providers share an id
     */
    public Map<String, StageRunnerProvider> runnerProvidersById(Collection<String> explicitRunnerIds) {
        Set<String> explicit = Set.copyOf(explicitRunnerIds);
        Map<String, StageRunnerProvider> byId = new LinkedHashMap<>();
        for (StageRunnerProvider provider : runnerProviders) {
            String id = provider.id();
            if (explicit.contains(id)) {
                continue;
            }
            StageRunnerProvider previous = byId.putIfAbsent(id, provider);
            if (previous != null) {
                throw duplicate("runner id", id, previous, provider);
            }
        }
        return byId;
    }

    /**
     * Collects the stage kinds of every provider.
     *
     * @return stage kind by id, in discovery order
     * @throws PluginDiscoveryException naming both provider classes when two providers contribute one id
     */
    public Map<String, StageKindDefinition> stageKinds() {
        return collect("stage kind id", stageKindProviders, StageKindProvider::stageKinds,
                StageKindDefinition::stageKindId);
    }

    /**
     * Collects the graph loops of every provider.
     *
     * @return graph loop by id, in discovery order
     * @throws PluginDiscoveryException naming both provider classes when two providers contribute one id
     */
    public Map<String, GraphLoopDefinition> graphLoops() {
        return collect("graph loop id", graphLoopProviders, GraphLoopProvider::graphLoops,
                GraphLoopDefinition::loopId);
    }

    /**
     * Collects the modes of every provider.
     *
     * @return mode by id, in discovery order
     * @throws PluginDiscoveryException naming both provider classes when two providers contribute one id
     */
    public Map<String, ModeDefinition> modes() {
        return collect("mode id", modeProviders, ModeProvider::modes, ModeDefinition::modeId);
    }

    private static <P, D> Map<String, D> collect(String what, List<P> providers, Function<P, List<D>> items,
            Function<D, String> idOf) {
        Map<String, D> byId = new LinkedHashMap<>();
        Map<String, P> owner = new LinkedHashMap<>();
        for (P provider : providers) {
            for (D item : items.apply(provider)) {
                String id = idOf.apply(item);
                P previous = owner.putIfAbsent(id, provider);
                if (previous != null) {
                    throw duplicate(what, id, previous, provider);
                }
                byId.put(id, item);
            }
        }
        return byId;
    }

    private static PluginDiscoveryException duplicate(String what, String id, Object first, Object second) {
        return new PluginDiscoveryException(ErrorCode.DUPLICATE_PLUGIN_ID,
                "two plugins claim " + what + " '" + id + "': " + first.getClass().getName() + " and "
                        + second.getClass().getName() + "; remove one from the class path or module path",
                null);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static <S> List<S> load(Class<S> service, ClassLoader loader, List<String> failures) {
        List<S> loaded = new ArrayList<>();
        Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(service, loader).stream().iterator();
        int errors = 0;
        while (true) {
            ServiceLoader.Provider<S> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                // The iterator moves on past a bad entry; record it and keep looking.
                failures.add(service.getSimpleName() + ": " + e.getMessage());
                if (++errors > MAX_PROVIDER_ERRORS) {
                    break;
                }
                continue;
            }
            try {
                loaded.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(service.getSimpleName() + " provider " + provider.type().getName()
                        + " could not be instantiated: " + rootCause(e));
            }
        }
        return loaded;
    }
}
