package ai.millrace.core.workspace;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.StageKindProvider;
import ai.millrace.core.internal.workspace.AssetPaths;
import ai.millrace.core.internal.workspace.MillraceVersion;
import ai.millrace.core.internal.workspace.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The managed assets a workspace is seeded with: the packaged files of the six families
 * ({@code entrypoints, skills, modes, loops, graphs, registry}) plus the markdown assets of
 * plugin stage kinds ({@link StageKindProvider#markdownAssets()}).
 *
 * <p>Packaged files are found through the index resource {@code ai/millrace/assets/asset-index.txt},
 * not by listing a folder, so enumeration works the same from a jar, a build folder or any class
 * loader; a test in this module keeps the index equal to the source folder. Plugin assets must
 * lie under {@code entrypoints/} or {@code skills/}, end in {@code .md}, and may not replace a
 * packaged file or another plugin's.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class ManagedAssets {
    private static final List<String> PLUGIN_FAMILIES = List.of("entrypoints", "skills");

    private final List<ManagedAsset> assets;

    private ManagedAssets(List<ManagedAsset> assets) {
        this.assets = Collections.unmodifiableList(assets);
    }

    /**
     * Loads the packaged assets visible to this library's class loader, without plugins.
     *
     * @return the assets
     * @throws MillraceException with {@link ErrorCode#WORKSPACE_INVALID} when the index or a
     *     listed resource is missing
     */
    public static ManagedAssets packaged() {
        return load(ManagedAssets.class.getClassLoader(), PluginRegistry.empty());
    }

    /**
     * Loads the packaged assets through a class loader, plus the plugins' markdown assets.
     *
     * @param loader the class loader that sees {@code ai/millrace/assets/}, never null
     * @param plugins the plugins whose stage kind providers contribute markdown assets, never null
     * @return the assets, sorted by path
     * @throws MillraceException with {@link ErrorCode#WORKSPACE_INVALID} when the index or a listed
     *     resource is missing, or {@link ErrorCode#CONTRACT_VIOLATION} when a plugin asset path is
     *     invalid or taken
     */
    public static ManagedAssets load(ClassLoader loader, PluginRegistry plugins) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(plugins, "plugins");
        Map<String, ManagedAsset> byPath = new TreeMap<>();
        String index = AssetPaths.RESOURCE_ROOT + AssetPaths.INDEX_NAME;
        byte[] indexBytes = resource(loader, index);
        if (indexBytes == null) {
            throw new MillraceException(ErrorCode.WORKSPACE_INVALID, "cannot seed workspace assets: the resource "
                    + index + " is not on the class path; add the millrace-compiler jar (it carries the packaged assets)");
        }
        for (String path : AssetPaths.parseIndex(new String(indexBytes, StandardCharsets.UTF_8))) {
            AssetPaths.requireAssetPath(index, path, AssetPaths.FAMILIES);
            byte[] content = resource(loader, AssetPaths.RESOURCE_ROOT + path);
            if (content == null) {
                throw new MillraceException(ErrorCode.WORKSPACE_INVALID, "cannot seed workspace assets: " + index
                        + " lists " + path + " but the resource is missing; the millrace-compiler jar is incomplete");
            }
            byPath.put(path, new ManagedAsset(path, AssetPaths.familyOf(path), content, Sha256.hex(content)));
        }
        Map<String, String> pluginOwner = new LinkedHashMap<>();
        for (StageKindProvider provider : plugins.stageKindProviders()) {
            String owner = provider.getClass().getName();
            for (Map.Entry<String, String> e : provider.markdownAssets().entrySet()) {
                String path = AssetPaths.requireAssetPath("markdown asset of " + owner, e.getKey(), PLUGIN_FAMILIES);
                if (!path.toLowerCase(java.util.Locale.ROOT).endsWith(".md")) {
                    throw new ContractViolationException("markdown asset of " + owner + ": path must end in .md (got '"
                            + path + "')");
                }
                if (byPath.containsKey(path)) {
                    String other = pluginOwner.getOrDefault(path, "the packaged assets");
                    throw new ContractViolationException("markdown asset " + path + " of " + owner
                            + " is already provided by " + other + "; give it another path");
                }
                byte[] content = Objects.requireNonNull(e.getValue(), "content of " + path).getBytes(StandardCharsets.UTF_8);
                byPath.put(path, new ManagedAsset(path, AssetPaths.familyOf(path), content, Sha256.hex(content)));
                pluginOwner.put(path, owner);
            }
        }
        return new ManagedAssets(new ArrayList<>(byPath.values()));
    }

    /**
     * Returns every asset, sorted by path.
     *
     * @return the assets
     */
    public List<ManagedAsset> assets() {
        return assets;
    }

    /**
     * Returns the assets in deployment order: family by family in the fixed family order, each
     * sorted by path.
     *
     * @return the assets
     */
    public List<ManagedAsset> inDeploymentOrder() {
        List<ManagedAsset> ordered = new ArrayList<>(assets);
        ordered.sort((a, b) -> {
            int byFamily = Integer.compare(AssetPaths.FAMILIES.indexOf(a.family()), AssetPaths.FAMILIES.indexOf(b.family()));
            return byFamily != 0 ? byFamily : a.relativePath().compareTo(b.relativePath());
        });
        return ordered;
    }

    /**
     * Returns the baseline manifest describing these assets, seeded by this library version.
     *
     * @return the manifest
     */
    public BaselineManifest manifest() {
        List<BaselineManifestEntry> entries = new ArrayList<>();
        for (ManagedAsset asset : assets) {
            entries.add(new BaselineManifestEntry(asset.relativePath(), asset.family(), asset.sha256()));
        }
        return BaselineManifest.of(MillraceVersion.CURRENT, entries);
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read packaged resource " + name + ": "
                    + e.getMessage(), e);
        }
    }
}
