package ai.millrace.compiler.internal.assets;

import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.spi.GraphLoopProvider;
import ai.millrace.api.spi.ModeProvider;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.StageKindProvider;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.builtin.BuiltinAssets;
import ai.millrace.compiler.internal.builtin.BuiltinGraphLoopProvider;
import ai.millrace.compiler.internal.builtin.BuiltinModeProvider;
import ai.millrace.compiler.internal.builtin.BuiltinStageKindProvider;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every mode, graph loop and stage kind one compile can see, by id, with where each came from.
 *
 * <p>Layers, later wins for one id: packaged built-ins, then plugin providers, then files under the
 * assets root ({@code modes/**}, {@code graphs/**}, {@code registry/stage_kinds/**}). Two plugins or
 * two workspace files claiming one id are an error. Immutable once loaded.
 */
public final class AssetCatalog {
    private static final String PLUGIN_PREFIX = "plugin:";

    private final Map<AssetFamily, Map<String, LoadedAsset<?>>> byFamily;

    private AssetCatalog(Map<AssetFamily, Map<String, LoadedAsset<?>>> byFamily) {
        this.byFamily = byFamily;
    }

    /**
     * Loads the catalog.
     *
     * @param assetsRoot the workspace assets root, or null for built-ins and plugins only
     * @param plugins the plugin providers; built-in providers found among them are ignored
     * @return the catalog
     * @throws CompileException for unreadable, invalid or duplicate assets and failing plugins
     */
    public static AssetCatalog load(Path assetsRoot, PluginRegistry plugins) {
        Map<AssetFamily, Map<String, LoadedAsset<?>>> byFamily = new EnumMap<>(AssetFamily.class);
        for (AssetFamily family : AssetFamily.values()) {
            Map<String, LoadedAsset<?>> assets = new LinkedHashMap<>();
            for (LoadedAsset<?> builtin : BuiltinAssets.load(family)) {
                assets.put(idOf(family, builtin.definition()), builtin);
            }
            assets.putAll(pluginAssets(family, plugins));
            if (assetsRoot != null) {
                assets.putAll(workspaceAssets(family, assetsRoot));
            }
            byFamily.put(family, assets);
        }
        return new AssetCatalog(byFamily);
    }

    /**
     * Finds a mode.
     *
     * @param id the mode id
     * @return the mode, or empty
     */
    @SuppressWarnings("unchecked")
    public Optional<LoadedAsset<ModeDefinition>> mode(String id) {
        return Optional.ofNullable((LoadedAsset<ModeDefinition>) byFamily.get(AssetFamily.MODE).get(id));
    }

    /**
     * Finds a graph loop.
     *
     * @param id the loop id
     * @return the loop, or empty
     */
    @SuppressWarnings("unchecked")
    public Optional<LoadedAsset<GraphLoopDefinition>> graphLoop(String id) {
        return Optional.ofNullable((LoadedAsset<GraphLoopDefinition>) byFamily.get(AssetFamily.GRAPH_LOOP).get(id));
    }

    /**
     * Returns every stage kind, built-ins first.
     *
     * @return the stage kinds
     */
    @SuppressWarnings("unchecked")
    public List<LoadedAsset<StageKindDefinition>> stageKinds() {
        List<LoadedAsset<StageKindDefinition>> result = new ArrayList<>();
        byFamily.get(AssetFamily.STAGE_KIND).values().forEach(a -> result.add((LoadedAsset<StageKindDefinition>) a));
        return result;
    }

    /**
     * Returns the ids of a family, for messages.
     *
     * @param family the family
     * @return the ids in load order
     */
    public Collection<String> ids(AssetFamily family) {
        return byFamily.get(family).keySet();
    }

    /**
     * Computes the current content token of a recorded asset path that is not under
     * {@code millrace-agents/}: the hash of the file under the assets root, else of the packaged
     * file; for {@code plugin:} paths the hash of the definition the plugin supplies now.
     * Never throws: anything unreadable is {@code missing}.
     *
     * @param assetsRoot the assets root, may be null
     * @param plugins the plugins
     * @param compileTimePath the path recorded in the plan
     * @return the SHA-256 hex or {@code missing}
     */
    public static String currentToken(Path assetsRoot, PluginRegistry plugins, String compileTimePath) {
        if (compileTimePath.startsWith(PLUGIN_PREFIX)) {
            for (AssetFamily family : AssetFamily.values()) {
                try {
                    for (LoadedAsset<?> asset : pluginAssets(family, plugins).values()) {
                        if (asset.compileTimePath().equals(compileTimePath)) {
                            return asset.contentSha256();
                        }
                    }
                } catch (RuntimeException e) {
                    // A failing plugin makes its assets missing; the plan is then stale.
                }
            }
            return "missing";
        }
        if (assetsRoot != null && !compileTimePath.contains("..")) {
            Path file = assetsRoot.resolve(compileTimePath);
            if (Files.isRegularFile(file)) {
                try {
                    return Hashing.sha256Hex(Files.readAllBytes(file));
                } catch (IOException e) {
                    return "missing";
                }
            }
        }
        try {
            return BuiltinAssets.resource(compileTimePath).map(Hashing::sha256Hex).orElse("missing");
        } catch (RuntimeException e) {
            return "missing";
        }
    }

    private static Map<String, LoadedAsset<?>> pluginAssets(AssetFamily family, PluginRegistry plugins) {
        Map<String, LoadedAsset<?>> result = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        switch (family) {
            case MODE:
                for (ModeProvider p : plugins.modeProviders()) {
                    if (!(p instanceof BuiltinModeProvider)) {
                        addPlugin(family, p, call(p, "modes", ModeProvider::modes), result, owners);
                    }
                }
                break;
            case GRAPH_LOOP:
                for (GraphLoopProvider p : plugins.graphLoopProviders()) {
                    if (!(p instanceof BuiltinGraphLoopProvider)) {
                        addPlugin(family, p, call(p, "graph loops", GraphLoopProvider::graphLoops), result, owners);
                    }
                }
                break;
            default:
                for (StageKindProvider p : plugins.stageKindProviders()) {
                    if (!(p instanceof BuiltinStageKindProvider)) {
                        addPlugin(family, p, call(p, "stage kinds", StageKindProvider::stageKinds), result, owners);
                    }
                }
        }
        return result;
    }

    private static <P> List<?> call(P provider, String what, Function<P, List<?>> listing) {
        List<?> items;
        try {
            items = listing.apply(provider);
        } catch (RuntimeException | LinkageError e) {
            throw new CompileException(CompileErrorCode.PLUGIN_FAILURE, "Plugin provider "
                    + provider.getClass().getName() + " failed while listing " + what + ": " + e, e);
        }
        if (items == null || items.stream().anyMatch(java.util.Objects::isNull)) {
            throw new CompileException(CompileErrorCode.PLUGIN_FAILURE, "Plugin provider "
                    + provider.getClass().getName() + " returned a null list or a null element for " + what);
        }
        return items;
    }

    private static void addPlugin(AssetFamily family, Object provider, List<?> items,
            Map<String, LoadedAsset<?>> result, Map<String, String> owners) {
        String owner = provider.getClass().getName();
        for (Object item : items) {
            String id = idOf(family, item);
            String previous = owners.putIfAbsent(id, owner);
            if (previous != null) {
                throw new CompileException(CompileErrorCode.DUPLICATE_ASSET_ID, "Duplicate " + family.label()
                        + " id " + id + ": plugins " + previous + " and " + owner + " both supply it; remove one");
            }
            String hash;
            try {
                hash = Hashing.sha256Hex(MillraceJson.canonicalBytes(item));
            } catch (RuntimeException e) {
                throw new CompileException(CompileErrorCode.PLUGIN_FAILURE, "Plugin provider " + owner
                        + " supplied " + family.label() + " " + id + " that cannot be serialized: " + e.getMessage(), e);
            }
            String path = PLUGIN_PREFIX + owner + "/" + family.wireName() + "/" + id;
            result.put(id, new LoadedAsset<>(item, path, hash, "plugin " + owner));
        }
    }

    private static Map<String, LoadedAsset<?>> workspaceAssets(AssetFamily family, Path assetsRoot) {
        Path folder = assetsRoot.resolve(family.folder());
        Map<String, LoadedAsset<?>> result = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return result;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !hidden(folder.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CompileException(CompileErrorCode.INVALID_ASSET,
                    "Cannot read " + family.label() + " assets under " + folder + ": " + e.getMessage(), e);
        }
        Map<String, String> builtinIdsByPath = new LinkedHashMap<>();
        BuiltinAssets.paths(family).forEach((id, path) -> builtinIdsByPath.put(path, id));
        for (Path file : files) {
            String relative = relative(assetsRoot, file);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CompileException(CompileErrorCode.INVALID_ASSET,
                        "Cannot read " + family.label() + " asset: " + file + " (" + e.getMessage() + ")", e);
            }
            ObjectNode tree = AssetReader.tree(family, file.toString(), bytes);
            JsonNode idNode = tree.get(family.idKey());
            if (idNode == null || !idNode.isTextual()) {
                throw new CompileException(CompileErrorCode.INVALID_ASSET, "Invalid " + family.label()
                        + " definition in asset: " + file + " (missing string field '" + family.idKey() + "')");
            }
            String declared = idNode.textValue();
            String expected = builtinIdsByPath.get(relative);
            if (expected != null && !expected.equals(declared)) {
                throw new CompileException(CompileErrorCode.ASSET_ID_MISMATCH, capitalized(family.label())
                        + " asset id mismatch: expected " + expected + ", found " + declared + " in " + file
                        + "; a file at this path must define " + expected);
            }
            LoadedAsset<?> previous = result.get(declared);
            if (previous != null) {
                throw new CompileException(CompileErrorCode.DUPLICATE_ASSET_ID, "Duplicate " + family.label()
                        + " id " + declared + ": " + previous.origin() + ", " + file + "; keep one of them");
            }
            Object definition = AssetReader.definition(family, file.toString(), tree);
            result.put(declared, new LoadedAsset<>(definition, relative, Hashing.sha256Hex(bytes), file.toString()));
        }
        return result;
    }

    private static boolean hidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static String capitalized(String label) {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static String idOf(AssetFamily family, Object definition) {
        switch (family) {
            case MODE:
                return ((ModeDefinition) definition).modeId();
            case GRAPH_LOOP:
                return ((GraphLoopDefinition) definition).loopId();
            default:
                return ((StageKindDefinition) definition).stageKindId();
        }
    }
}
