package ai.millrace.compiler.internal.builtin;

import ai.millrace.api.Plane;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.assets.AssetFamily;
import ai.millrace.compiler.internal.assets.AssetReader;
import ai.millrace.compiler.internal.assets.Hashing;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged asset tree ({@code ai/millrace/assets/} on the class path): which JSON files are
 * built in, and reading them. Parsed definitions are cached; they are immutable. Thread-safe.
 */
public final class BuiltinAssets {
    /** The resource folder of the packaged tree. */
    public static final String RESOURCE_ROOT = "ai/millrace/assets";

    private static final Map<String, String> MODE_PATHS = table(
            "default_codex", "modes/default_codex.json",
            "default_pi", "modes/default_pi.json",
            "learning_codex", "modes/learning_codex.json",
            "learning_pi", "modes/learning_pi.json");
    private static final Map<String, String> GRAPH_PATHS = table(
            "execution.standard", "graphs/execution/standard.json",
            "planning.standard", "graphs/planning/standard.json",
            "learning.standard", "graphs/learning/standard.json");
    private static final Map<String, String> LEGACY_LOOP_PATHS = table(
            "execution.standard", "loops/execution/default.json",
            "planning.standard", "loops/planning/default.json",
            "learning.standard", "loops/learning/default.json");

    private static volatile Map<AssetFamily, List<LoadedAsset<?>>> cache;

    private BuiltinAssets() {
    }

    /**
     * Returns the built-in path table of a family (id to path relative to the assets root).
     *
     * @param family the family
     * @return the table, in a fixed order
     */
    public static Map<String, String> paths(AssetFamily family) {
        switch (family) {
            case MODE:
                return MODE_PATHS;
            case GRAPH_LOOP:
                return GRAPH_PATHS;
            default:
                Map<String, String> kinds = new LinkedHashMap<>();
                for (StageMetadata m : StageMetadataRegistry.builtIn().all()) {
                    kinds.put(m.stage().value(), stageKindPath(m.plane(), m.stage().value()));
                }
                return Collections.unmodifiableMap(kinds);
        }
    }

    /**
     * Returns the legacy loop table (loop id to path).
     *
     * @return the table
     */
    public static Map<String, String> legacyLoopPaths() {
        return LEGACY_LOOP_PATHS;
    }

    /**
     * Returns the conventional path of a stage kind file.
     *
     * @param plane the plane
     * @param id the stage kind id
     * @return {@code registry/stage_kinds/<plane>/<id>.json}
     */
    public static String stageKindPath(Plane plane, String id) {
        return "registry/stage_kinds/" + plane.wireName() + "/" + id + ".json";
    }

    /**
     * Reads a packaged file.
     *
     * @param relativePath a path relative to the assets root, such as {@code modes/default_pi.json}
     * @return the bytes, or empty when the file is not packaged
     */
    public static Optional<byte[]> resource(String relativePath) {
        if (relativePath.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = BuiltinAssets.class.getResourceAsStream("/" + RESOURCE_ROOT + "/" + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read packaged asset " + relativePath, e);
        }
    }

    /**
     * Returns the parsed built-in definitions of a family, with their paths and hashes.
     *
     * @param family the family
     * @return the assets in table order
     * @throws CompileException when a packaged file is missing or invalid (a packaging defect)
     */
    public static List<LoadedAsset<?>> load(AssetFamily family) {
        Map<AssetFamily, List<LoadedAsset<?>>> loaded = cache;
        if (loaded == null) {
            synchronized (BuiltinAssets.class) {
                loaded = cache;
                if (loaded == null) {
                    Map<AssetFamily, List<LoadedAsset<?>>> all = new LinkedHashMap<>();
                    for (AssetFamily f : AssetFamily.values()) {
                        all.put(f, readFamily(f));
                    }
                    cache = loaded = Collections.unmodifiableMap(all);
                }
            }
        }
        return loaded.get(family);
    }

    private static List<LoadedAsset<?>> readFamily(AssetFamily family) {
        List<LoadedAsset<?>> result = new ArrayList<>();
        for (Map.Entry<String, String> e : paths(family).entrySet()) {
            String path = e.getValue();
            byte[] bytes = resource(path).orElseThrow(() -> new CompileException(CompileErrorCode.INTERNAL_ERROR,
                    "Cannot read " + family.label() + " asset: packaged " + path + " is missing from the millrace-compiler jar"));
            String origin = "packaged " + path;
            Object definition = AssetReader.definition(family, origin, AssetReader.tree(family, origin, bytes));
            result.add(new LoadedAsset<>(definition, path, Hashing.sha256Hex(bytes), origin));
        }
        return List.copyOf(result);
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
